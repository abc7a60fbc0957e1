package store

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"

	"github.com/natter/natter/models"
)

// ddlImportMap remembers which source record became which comment, so a
// second import of the same export adds nothing, and replies written
// before their top-level comment find it later. Like natter_rendered it
// has no foreign keys, so Isso can keep deleting comments; a mapped
// comment that was deleted since stays deleted on a re-import.
var ddlImportMap = []string{
	`CREATE TABLE IF NOT EXISTS natter_import_map (
    source TEXT NOT NULL,
    source_id TEXT NOT NULL,
    comment_id INTEGER NOT NULL,
    root_source_id TEXT NOT NULL DEFAULT '',
    imported_at REAL NOT NULL,
    PRIMARY KEY (source, source_id)) WITHOUT ROWID`,
	`CREATE INDEX IF NOT EXISTS natter_import_map_root ON natter_import_map (source, root_source_id)`,
}

// ImportRow is one comment to import. Comment carries every column but
// tid, id and parent, which ImportBatch fills in.
type ImportRow struct {
	SourceID     string
	RootSourceID string // the top-level comment's source id; "" for top-level
	URI, Title   string
	Comment      models.Comment
	// Awaited says that replies to this comment were stored before it
	// and wait to be attached to it.
	Awaited bool
	// MatchExisting makes a comment that is already in the thread (same
	// creation second and text) count as imported: for sources without
	// stable ids, such as Natter's own exports imported back.
	MatchExisting bool
}

// ImportBatch stores rows in one transaction and reports, per row, whether
// it was added (false: that source id was imported before). A reply whose
// top-level comment is not stored yet stays top-level until it is.
func (s *Store) ImportBatch(ctx context.Context, source string, rows []ImportRow, now float64) ([]bool, error) {
	added := make([]bool, len(rows))
	err := s.Write(ctx, func(tx *gorm.DB) error {
		b := &importing{tx: tx.WithContext(ctx), d: s.d, source: source, now: now, threads: map[string]int64{}}
		if err := b.loadKnown(rows); err != nil {
			return err
		}
		for i := range rows {
			ok, err := b.row(&rows[i])
			if err != nil {
				return fmt.Errorf("record %q: %w", rows[i].SourceID, err)
			}
			added[i] = ok
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: import: %w", err)
	}
	return added, nil
}

// importing is one ImportBatch transaction.
type importing struct {
	tx      *gorm.DB
	d       dialect
	source  string
	now     float64
	threads map[string]int64 // URI → thread id
	known   map[string]int64 // source id → comment id, for the batch's rows and roots
}

// loadKnown looks up, in one query, which of the batch's records and
// their top-level comments were imported before.
func (b *importing) loadKnown(rows []ImportRow) error {
	keys := make([]string, 0, 2*len(rows))
	for _, r := range rows {
		keys = append(keys, r.SourceID)
		if r.RootSourceID != "" {
			keys = append(keys, r.RootSourceID)
		}
	}
	var found []struct {
		SourceID  string
		CommentID int64
	}
	err := b.tx.Raw(`SELECT source_id, comment_id FROM natter_import_map
		WHERE source = ? AND source_id IN ?`, b.source, keys).Scan(&found).Error
	b.known = make(map[string]int64, len(keys))
	for _, f := range found {
		b.known[f.SourceID] = f.CommentID
	}
	return err
}

// ImportedIDs returns which of ids were imported from source before.
func (s *Store) ImportedIDs(ctx context.Context, source string, ids []string) (map[string]bool, error) {
	var found []string
	err := s.reader.WithContext(ctx).Raw(`SELECT source_id FROM natter_import_map
		WHERE source = ? AND source_id IN ?`, source, ids).Scan(&found).Error
	if err != nil {
		return nil, fmt.Errorf("store: imported ids: %w", err)
	}
	out := make(map[string]bool, len(found))
	for _, id := range found {
		out[id] = true
	}
	return out, nil
}

func (b *importing) row(r *ImportRow) (bool, error) {
	if _, ok := b.known[r.SourceID]; ok {
		return false, nil
	}
	if r.MatchExisting {
		if id, err := sameComment(b.tx, r); err == nil {
			b.known[r.SourceID] = id
			return false, mapSource(b.tx, b.source, r, id, b.now)
		} else if !errors.Is(err, ErrNotFound) {
			return false, err
		}
	}
	tid, err := importThread(b.tx, r.URI, r.Title, b.threads)
	if err != nil {
		return false, err
	}
	c := r.Comment
	c.TID, c.ID, c.Parent = tid, 0, nil
	if id, ok := b.known[r.RootSourceID]; ok && r.RootSourceID != "" {
		c.Parent = &id
	}
	if c.ID, err = insertImported(b.tx, &c); err != nil {
		return false, err
	}
	b.known[r.SourceID] = c.ID
	if r.Awaited {
		if err := attachWaiting(b.tx, b.d, b.source, r.SourceID, c.ID, tid); err != nil {
			return false, err
		}
	}
	return true, mapSource(b.tx, b.source, r, c.ID, b.now)
}

// attachWaiting gives replies stored before their top-level comment their
// parent. Without the index hint SQLite scans the source's whole primary
// key (it has no statistics), which made large imports quadratic.
func attachWaiting(tx *gorm.DB, d dialect, source, rootKey string, rootID, tid int64) error {
	return tx.Exec(`UPDATE comments SET parent = ? WHERE tid = ? AND parent IS NULL AND id IN
		(SELECT comment_id FROM natter_import_map`+d.indexedBy("natter_import_map_root")+`
		WHERE source = ? AND root_source_id = ?)`, rootID, tid, source, rootKey).Error
}

func mapSource(tx *gorm.DB, source string, r *ImportRow, id int64, now float64) error {
	return tx.Exec(`INSERT INTO natter_import_map (source, source_id, comment_id, root_source_id, imported_at)
		VALUES (?, ?, ?, ?, ?)`, source, r.SourceID, id, r.RootSourceID, now).Error
}

// sameComment finds a comment of r's thread created in the same second
// with the same text.
func sameComment(tx *gorm.DB, r *ImportRow) (int64, error) {
	var ids []int64
	sec := int64(r.Comment.Created)
	err := tx.Raw(`SELECT c.id FROM comments c JOIN threads t ON t.id = c.tid
		WHERE t.uri = ? AND c.created >= ? AND c.created < ? AND c.text = ? LIMIT 1`,
		r.URI, sec, sec+1, r.Comment.Text).Scan(&ids).Error
	if err != nil {
		return 0, err
	}
	if len(ids) == 0 {
		return 0, ErrNotFound
	}
	return ids[0], nil
}

// importThread finds or creates the thread for uri; an existing thread
// keeps its title, a new one gets the export's.
func importThread(tx *gorm.DB, uri, title string, cache map[string]int64) (int64, error) {
	if id, ok := cache[uri]; ok {
		return id, nil
	}
	var t models.Thread
	err := tx.Where("uri = ?", uri).Take(&t).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		t = models.Thread{URI: uri, Title: &title}
		err = tx.Create(&t).Error
	}
	if err != nil {
		return 0, err
	}
	cache[uri] = t.ID
	return t.ID, nil
}

// insertImported writes every column by name (cheaper than GORM's Create,
// which matters at 100,000 rows) and returns the new id.
func insertImported(tx *gorm.DB, c *models.Comment) (int64, error) {
	var id int64
	err := tx.Raw(`INSERT INTO comments (tid, parent, created, modified, mode, remote_addr, text,
		author, email, website, likes, dislikes, voters, notification)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		c.TID, c.Parent, c.Created, c.Modified, c.Mode, c.RemoteAddr, c.Text, c.Author, c.Email,
		c.Website, c.Likes, c.Dislikes, c.Voters, c.Notification).Scan(&id).Error
	return id, err
}
