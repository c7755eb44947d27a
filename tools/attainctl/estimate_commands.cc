// estimate SELLER --period P [--deal account=A,product=P,amount=N[,date=D][,currency=C]
// [,quantity=Q][,margin=M][,id=X]]... (compensation's EstimateService): what the seller has
// earned so far in the period and what each deal would add, cumulatively, for them and the
// managers it rolls up to that the caller may see. Nothing is written.
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "attain/compensation/v1/estimate.grpc.pb.h"
#include "tools/attainctl/calls.h"
#include "tools/attainctl/compensation_commands.h"

namespace attain::ctl {
namespace {

namespace v1 = compensation::v1;
using Stub = v1::EstimateService::Stub;

// "account=acc-1,product=prd-1,amount=2000" into a deal; the error names the bad key.
absl::StatusOr<v1::HypotheticalDeal> ParseDeal(const std::string& spec) {
  v1::HypotheticalDeal deal;
  for (absl::string_view pair : absl::StrSplit(spec, ',', absl::SkipWhitespace())) {
    const std::vector<std::string> kv = absl::StrSplit(pair, absl::MaxSplits('=', 1));
    if (kv.size() != 2) return absl::InvalidArgumentError(absl::StrCat("--deal: \"", pair, "\" is not key=value"));
    const std::string& key = kv[0];
    const std::string& value = kv[1];
    if (key == "id") deal.set_deal_id(value);
    else if (key == "account") deal.set_account_id(value);
    else if (key == "product") deal.set_product_id(value);
    else if (key == "amount") deal.set_amount(value);
    else if (key == "currency") deal.set_currency(value);
    else if (key == "quantity") deal.set_quantity(value);
    else if (key == "margin") deal.set_margin(value);
    else if (key == "date") deal.set_transaction_date(value);
    else {
      return absl::InvalidArgumentError(absl::StrCat(
          "--deal: unknown key \"", key, "\" (id, account, product, amount, currency, quantity, margin, date)"));
    }
  }
  return deal;
}

Table DealsTable(const v1::EstimateEarningsResponse& estimate) {
  Table table{{"deal", "seller", "level", "before", "after", "added", "components"}, {}};
  for (const v1::DealEstimate& deal : estimate.deals()) {
    for (const v1::SellerChange& s : deal.sellers()) {
      std::string components;
      for (const v1::ComponentChange& c : s.components()) {
        absl::StrAppend(&components, components.empty() ? "" : "; ", c.component_id(), " ",
                        c.measure_before(), "->", c.measure_after(),
                        c.tier_after() != c.tier_before()
                            ? absl::StrCat(" tier ", c.tier_before(), "->", c.tier_after())
                            : "",
                        " earns ", c.earnings_before(), "->", c.earnings_after());
      }
      table.rows.push_back({deal.deal_id(), s.seller_id(), absl::StrCat(s.roll_up_depth()),
                            s.earned_before(), s.earned_after(), s.added(), components});
    }
  }
  return table;
}

std::string EstimateText(const v1::EstimateEarningsResponse& estimate) {
  std::string text = absl::StrCat("estimate for ", estimate.seller_id(), " in ", estimate.period(), " (",
                                  estimate.run(), ")\n");
  absl::StrAppend(&text, "earned so far ", estimate.earned_so_far(), " ", estimate.currency(), "\n");
  if (estimate.deals_size() > 0) {
    absl::StrAppend(&text, "\n", RenderTable(DealsTable(estimate)), "\n");
  }
  absl::StrAppend(&text, "estimated total ", estimate.estimated_total(), " ", estimate.currency(), "\n");
  return text;
}

}  // namespace

void AddEstimateCommand(CLI::App& root, const GlobalOptions& options, int& exit_code) {
  auto request = std::make_shared<v1::EstimateEarningsRequest>();
  auto specs = std::make_shared<std::vector<std::string>>();
  CLI::App* command = root.add_subcommand(
      "estimate", "What a seller has earned so far in a period and what hypothetical deals would add");
  command
      ->add_option_function<std::string>(
          "seller", [request](const std::string& v) { request->set_seller_id(v); }, "Seller id")
      ->required();
  command
      ->add_option_function<std::string>(
          "--period", [request](const std::string& v) { request->set_period(v); },
          "2026-10, 2026-Q4 or 2026 (with a published run)")
      ->required();
  command->add_option("--deal", *specs,
                      "account=A,product=P,amount=N[,date=YYYY-MM-DD][,currency=C][,quantity=Q]"
                      "[,margin=M][,id=X]; repeat for several (cumulative, in order)");
  SetAction(command, exit_code, [&options, request, specs]() -> absl::Status {
    request->clear_deals();
    for (const std::string& spec : *specs) {
      auto deal = ParseDeal(spec);
      if (!deal.ok()) return deal.status();
      *request->add_deals() = *std::move(deal);
    }
    absl::StatusOr<Connection> connection = Connect(options);
    if (!connection.ok()) return connection.status();
    const auto stub = v1::EstimateService::NewStub(connection->channel());
    auto result = Call(*connection, *stub, &Stub::EstimateEarnings, *request);
    if (!result.ok()) return result.status();
    return PrintReport(options, *result, EstimateText(*result), DealsTable(*result));
  });
}

}  // namespace attain::ctl
