// The SQL schema of tia's database (version kSchemaVersion in tia/store/db.h).
#pragma once

namespace tia {
extern const char kSchemaSql[];
}
