#pragma once
// The sales transaction CSV format written by `attain-datagen transactions` (and read by the
// import benchmark; column names are the proto field names):
//   source_system,transaction_id,type,transaction_date,account_id,product_id,amount,currency,
//   quantity,margin,owner_seller_id,splits,attributes,original_transaction_id
// type: ORDER|INVOICE|CANCELLATION|REFUND|ADJUSTMENT; splits: "seller:percent" entries
// separated by ';', an overlay one ending in ":overlay" ("rep-001:60;rep-002:40;rep-009:100:overlay");
// attributes: a JSON object of strings. Money is decimal text, checked exactly by the server.

#include "attain/compensation/v1/transactions.pb.h"
#include "tools/attainctl/record_codec.h"

namespace attain::datagen {

const csv::RecordCodec<compensation::v1::Transaction>& TransactionsCsv();

}  // namespace attain::datagen
