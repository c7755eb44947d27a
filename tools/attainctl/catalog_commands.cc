#include "tools/attainctl/catalog_commands.h"

#include <filesystem>

namespace attain::ctl::catalog {

absl::Status WriteExport(const std::string& out, const std::string& what,
                         const std::function<absl::StatusOr<int64_t>(std::ostream&)>& write) {
  if (out.empty() || out == "-") return write(std::cout).status();
  const std::string partial = out + ".partial";
  absl::StatusOr<int64_t> count;
  {
    std::ofstream file(partial, std::ios::binary | std::ios::trunc);
    if (!file) return absl::PermissionDeniedError(absl::StrCat("cannot write ", partial));
    count = write(file);
  }
  std::error_code ec;
  if (count.ok()) std::filesystem::rename(partial, out, ec);
  if (!count.ok() || ec) {
    std::filesystem::remove(partial, ec);
    return count.ok() ? absl::PermissionDeniedError(absl::StrCat("cannot write ", out))
                      : count.status();
  }
  std::cerr << "exported " << *count << " " << what << " to " << out << "\n";
  return absl::OkStatus();
}

}  // namespace attain::ctl::catalog
