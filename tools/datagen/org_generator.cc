#include "tools/datagen/org_generator.h"

#include <algorithm>
#include <optional>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "common/time/dates.h"
#include "tools/attainctl/csv.h"
#include "tools/attainctl/seller_csv.h"
#include "tools/datagen/names.h"
#include "tools/datagen/random.h"

namespace attain::datagen {
namespace {

using planning::v1::ReportingLine;
using planning::v1::Seller;

// The organization is generated as it stands on kCutoff; everyone is hired in the two years
// before it.
const absl::CivilDay kWindowStart(2024, 11, 1);
const absl::CivilDay kCutoff(2026, 11, 1);
// Reps are hired late enough after their manager to be plausible and early enough to leave
// room for a termination or a manager change before the cutoff.
constexpr int kRepHireAfterManager = 7;
constexpr int kMinTenureDays = 30;
const absl::CivilDay kLastRepHire = kCutoff - 45;

constexpr int kManagersPerVp = 5;
constexpr int kTerminatedPercent = 8;
constexpr int kMinManagerChanges = 6;

struct Region {
  const char* name;
  const char* currency;
};
constexpr Region kRegions[] = {
    {"NA East", "USD"}, {"NA West", "USD"}, {"EMEA", "EUR"}, {"APAC", "AUD"}};
constexpr int kRegionCount = sizeof(kRegions) / sizeof(kRegions[0]);

struct Person {
  Seller seller;
  absl::CivilDay hire;
  std::optional<absl::CivilDay> termination;
  int region = 0;
  int manager = -1;  // index into Generator::people_
};

class Generator {
 public:
  explicit Generator(const OrgOptions& options) : random_(options.seed), reps_(options.reps) {}

  std::vector<Seller> Run() {
    const int cro = AddPerson("cro-001", "CRO", kWindowStart + random_.Between(0, 14), 0, -1);
    std::vector<int> managers;
    for (int region = 0; region < kRegionCount; ++region) {
      const int vp = AddPerson(absl::StrFormat("vp-%03d", region + 1), "Regional VP",
                               people_[cro].hire + random_.Between(1, 60), region, cro);
      for (int m = 0; m < kManagersPerVp; ++m) {
        managers.push_back(AddPerson(absl::StrFormat("mgr-%03d", managers.size() + 1),
                                     "Sales Manager", people_[vp].hire + random_.Between(1, 90),
                                     region, vp));
      }
    }
    const int width = std::max<int>(3, absl::StrCat(reps_).size());
    const size_t first_rep = people_.size();
    for (int i = 0; i < reps_; ++i) {
      // The first pass gives every manager a rep; the rest are spread at random.
      const int manager = managers[i < static_cast<int>(managers.size())
                                       ? i
                                       : random_.Below(managers.size())];
      const absl::CivilDay earliest = people_[manager].hire + kRepHireAfterManager;
      AddPerson(absl::StrFormat("rep-%0*d", width, i + 1), "Account Executive",
                earliest + random_.Between(0, kLastRepHire - earliest), people_[manager].region,
                manager);
    }
    Terminate(first_rep);
    std::vector<std::vector<ReportingLine>> lines(people_.size());
    for (size_t i = 0; i < people_.size(); ++i) {
      if (people_[i].manager >= 0) lines[i].push_back(Line(people_[i].manager, people_[i].hire, people_[i].termination));
    }
    MoveReps(first_rep, managers, lines);

    std::vector<Seller> sellers;
    for (size_t i = 0; i < people_.size(); ++i) {
      Person& person = people_[i];
      person.seller.set_termination_date(dates::FormatOptional(person.termination));
      for (ReportingLine& line : lines[i]) *person.seller.add_reporting_lines() = std::move(line);
      sellers.push_back(std::move(person.seller));
    }
    return sellers;
  }

 private:
  int AddPerson(std::string id, std::string title, absl::CivilDay hire, int region, int manager) {
    Person& person = people_.emplace_back();
    person.hire = hire;
    person.region = region;
    person.manager = manager;
    Seller& seller = person.seller;
    const auto [first, last] = UniqueName();
    seller.set_seller_id(std::move(id));
    seller.set_display_name(absl::StrCat(first, " ", last));
    seller.set_email(email_);
    seller.set_title(std::move(title));
    seller.set_hire_date(dates::Format(hire));
    seller.set_home_currency(kRegions[region].currency);
    return static_cast<int>(people_.size()) - 1;
  }

  // A name whose email is not taken yet (a numeric suffix once the lists run out); sets email_.
  std::pair<std::string, std::string> UniqueName() {
    const auto& firsts = FirstNames();
    const auto& lasts = LastNames();
    for (int attempt = 0;; ++attempt) {
      std::string first(firsts[random_.Below(firsts.size())]);
      std::string last(lasts[random_.Below(lasts.size())]);
      std::string local = absl::AsciiStrToLower(absl::StrCat(first, ".", last));
      if (attempt >= 20) absl::StrAppend(&local, attempt);
      email_ = absl::StrCat(local, "@attain-demo.example");
      if (emails_.insert(email_).second) return {std::move(first), std::move(last)};
    }
  }

  ReportingLine Line(int manager, absl::CivilDay start, std::optional<absl::CivilDay> end) const {
    ReportingLine line;
    line.set_manager_id(people_[manager].seller.seller_id());
    line.set_start_date(dates::Format(start));
    line.set_end_date(dates::FormatOptional(end));
    return line;
  }

  // About kTerminatedPercent of reps leave some time after their hire and before the cutoff.
  void Terminate(size_t first_rep) {
    const size_t count = (static_cast<size_t>(reps_) * kTerminatedPercent + 50) / 100;
    for (size_t index : random_.Sample(reps_, count)) {
      Person& rep = people_[first_rep + index];
      const absl::CivilDay earliest = rep.hire + kMinTenureDays;
      rep.termination = earliest + random_.Between(0, (kCutoff - 1) - earliest);
    }
  }

  // Some reps move to another manager in their region on a day d: the first line ends on
  // d-1 and the new one runs from d to the end of employment.
  void MoveReps(size_t first_rep, const std::vector<int>& managers,
                std::vector<std::vector<ReportingLine>>& lines) {
    const size_t wanted = std::max<size_t>(kMinManagerChanges, reps_ / 25);
    size_t moved = 0;
    for (size_t index : random_.Sample(reps_, reps_)) {
      if (moved == wanted) break;
      const int rep_index = static_cast<int>(first_rep + index);
      const Person& rep = people_[rep_index];
      std::vector<int> candidates;
      for (int manager : managers) {
        if (manager != rep.manager && people_[manager].region == rep.region) candidates.push_back(manager);
      }
      const int target = candidates[random_.Below(candidates.size())];
      const absl::CivilDay earliest = std::max(rep.hire + kMinTenureDays, people_[target].hire);
      const absl::CivilDay latest = rep.termination.value_or(kCutoff - 1);
      if (earliest > latest) continue;
      const absl::CivilDay day = earliest + random_.Between(0, latest - earliest);
      lines[rep_index] = {Line(rep.manager, rep.hire, day - 1), Line(target, day, rep.termination)};
      ++moved;
    }
  }

  Random random_;
  int reps_;
  std::vector<Person> people_;
  absl::flat_hash_set<std::string> emails_;
  std::string email_;
};

}  // namespace

std::vector<Seller> GenerateOrg(const OrgOptions& options) { return Generator(options).Run(); }

std::string ToCsv(const std::vector<Seller>& sellers) {
  std::string out = csv::FormatRecord(seller_csv::Columns());
  for (const Seller& seller : sellers) out += csv::FormatRecord(seller_csv::ToFields(seller));
  return out;
}

}  // namespace attain::datagen
