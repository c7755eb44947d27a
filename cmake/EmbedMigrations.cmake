# Writes a .cc defining attain::<SERVICE>::EmbeddedMigrations() from the given .sql files.
string(REPLACE "|" ";" FILES "${FILES}")
set(_body "")
foreach(_f IN LISTS FILES)
  get_filename_component(_name ${_f} NAME)
  file(READ ${_f} _sql)
  string(APPEND _body "    {\"${_name}\", R\"attain_sql(${_sql})attain_sql\"},\n")
endforeach()
file(WRITE ${OUT}.tmp
"// Generated from services/${SERVICE}/migrations; do not edit.\n#include \"common/db/migrations.h\"\n\nnamespace attain::${SERVICE} {\nconst std::vector<attain::db::Migration>& EmbeddedMigrations() {\n  static const std::vector<attain::db::Migration> kMigrations = {\n${_body}  };\n  return kMigrations;\n}\n}  // namespace attain::${SERVICE}\n")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
