#pragma once
// The account, product and booking CSV formats written by `attainctl ... export` and
// attain-datagen and read by `attainctl ... import` (column names are the proto field names):
//   accounts: account_id,display_name,parent_account_id,country,region,state,postal_code,
//             industry,segment,employee_count,annual_revenue,potential,workload,currency,
//             locked,attributes      (locked: true|false; attributes: a JSON object of strings)
//   products: product_id,display_name,family,line,list_price,currency
//   bookings: account_id,product_id,booking_date,amount,currency
// Money is decimal text ("1250000.50"); it is checked exactly by the server.

#include "attain/planning/v1/accounts.pb.h"
#include "attain/planning/v1/bookings.pb.h"
#include "attain/planning/v1/products.pb.h"
#include "tools/attainctl/record_codec.h"

namespace attain::catalog_csv {

const csv::RecordCodec<planning::v1::Account>& Accounts();
const csv::RecordCodec<planning::v1::Product>& Products();
const csv::RecordCodec<planning::v1::Booking>& Bookings();

}  // namespace attain::catalog_csv
