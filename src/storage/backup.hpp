// A consistent copy of an SQLite database while the server keeps running (SQLite's online backup
// API), and putting such a copy back. PostgreSQL has pg_dump and pg_restore for this.
#pragma once

#include <string>

#include "core/error.hpp"

namespace skirosim::storage {

// Copies the database at `source` to `destination` (a new file) as it was at one moment; writers
// on `source` may go on meanwhile.
Result<void> backup_sqlite(const std::string& source, const std::string& destination);
// Replaces the database at `destination` with the copy at `backup` (the server must be stopped:
// a database in use answers "busy").
Result<void> restore_sqlite(const std::string& backup, const std::string& destination);

}  // namespace skirosim::storage
