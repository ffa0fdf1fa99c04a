// Which file versions have shards (see tia/store/versions.h).
#include "tia/store/versions.h"

#include "tia/store/db.h"

namespace tia {

bool MissingVersions(Db& db, const std::vector<FileVersion>& wanted, std::vector<FileVersion>* out,
                     std::string* err) {
  out->clear();
  Stmt st;
  if (!db.Prepare("SELECT 1 FROM shards s JOIN files f ON f.id = s.file_id "
                  "WHERE f.path = tia_rel(?) AND s.content_id = ?",
                  &st, err))
    return false;
  for (const FileVersion& v : wanted) {
    st.Reset();
    st.Bind(1, v.path).Bind(2, v.content_id);
    bool found = st.Step();
    if (st.failed()) return *err = db.path() + ": " + st.ErrMsg(), false;
    if (!found) out->push_back(v);
  }
  return true;
}

}  // namespace tia
