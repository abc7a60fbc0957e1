package admin

// Data is the Import, export and backup page.
type Data struct {
	Page
	LimitMB string       // the upload limit, in MB
	Check   *ImportCheck // the dry run of an upload, nil before one
	// Postgres: the database is PostgreSQL, backed up with pg_dump.
	Postgres bool
}

// ImportCheck is an upload's dry-run summary, or why it failed.
type ImportCheck struct {
	Error    string
	Token    string // names the kept upload for the confirmation
	File     string
	Format   string
	Records  int
	Threads  int
	Comments int
	Skipped  []Skip
}

// Skip is a count of records the import leaves out, and why.
type Skip struct {
	Reason string
	N      int
}

// importFormats are the choices of the upload form ("" detects).
var importFormats = []string{"", "disqus", "wordpress", "isso-json", "isso-db", "remark42", "artalk", "waline", "commento", "jsonl"}
