// Package sites keeps the registry of sites a hoster adds at run time
// (natter site add), beside the sites named by configuration files. It is
// a small SQLite database of its own, so no site's data lives in it.
package sites

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// Site is one registered site.
type Site struct {
	Name       string `gorm:"column:name;primaryKey"`
	Hosts      string `gorm:"column:hosts"` // newline-separated origins
	Moderation bool   `gorm:"column:moderation"`
	OwnerEmail string `gorm:"column:owner_email"`
	// AdminHash is the bcrypt hash of the owner's panel password.
	AdminHash string    `gorm:"column:admin_hash"`
	Suspended bool      `gorm:"column:suspended"`
	Created   time.Time `gorm:"column:created"`
}

// TableName pins the table's name.
func (Site) TableName() string { return "natter_sites" }

// HostList is the site's origins.
func (s Site) HostList() []string { return strings.Fields(s.Hosts) }

// Errors the commands report.
var (
	ErrExists   = errors.New("sites: a site with that name exists")
	ErrNotFound = errors.New("sites: no such site")
)

// validName: a site is mounted at /<name>, so the name is one path segment
// that cannot be mistaken for Natter's own paths.
var validName = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)

// reserved are names of Natter's process-wide paths.
var reserved = map[string]bool{"healthz": true, "readyz": true, "static": true, "admin": true}

// CheckName reports why name cannot name a site, or nil.
func CheckName(name string) error {
	if !validName.MatchString(name) || reserved[name] {
		return fmt.Errorf("sites: %q: a name is lower-case letters, digits and '-', at most 63, and not one of healthz, readyz, static, admin", name)
	}
	return nil
}

// Registry is the sites database.
type Registry struct {
	db   *gorm.DB
	path string
}

// Open opens (creating if needed) the registry at path.
func Open(path string) (*Registry, error) {
	db, err := gorm.Open(sqlite.Open("file:"+path+"?_busy_timeout=5000&_journal_mode=WAL"), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		return nil, fmt.Errorf("sites: open %s: %w", path, err)
	}
	if err := db.AutoMigrate(&Site{}); err != nil {
		return nil, fmt.Errorf("sites: %s: %w", path, err)
	}
	return &Registry{db: db, path: path}, nil
}

// Path is where the registry lives.
func (r *Registry) Path() string { return r.path }

// Close closes the registry.
func (r *Registry) Close() error {
	sqlDB, err := r.db.DB()
	if err != nil {
		return err
	}
	return sqlDB.Close()
}

// Add registers s.
func (r *Registry) Add(ctx context.Context, s Site) error {
	if err := CheckName(s.Name); err != nil {
		return err
	}
	res := r.db.WithContext(ctx).Where(Site{Name: s.Name}).FirstOrCreate(&s)
	if res.Error != nil {
		return fmt.Errorf("sites: add %s: %w", s.Name, res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("%w: %s", ErrExists, s.Name)
	}
	return nil
}

// List returns every registered site, by name.
func (r *Registry) List(ctx context.Context) ([]Site, error) {
	var out []Site
	if err := r.db.WithContext(ctx).Order("name").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("sites: list: %w", err)
	}
	return out, nil
}

// Remove unregisters name (its database file is the caller's to keep or
// delete).
func (r *Registry) Remove(ctx context.Context, name string) error {
	res := r.db.WithContext(ctx).Delete(&Site{Name: name})
	if res.Error != nil {
		return fmt.Errorf("sites: remove %s: %w", name, res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("%w: %s", ErrNotFound, name)
	}
	return nil
}

// Update changes fields of name.
func (r *Registry) Update(ctx context.Context, name string, fields map[string]any) error {
	res := r.db.WithContext(ctx).Model(&Site{Name: name}).Updates(fields)
	if res.Error != nil {
		return fmt.Errorf("sites: set %s: %w", name, res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("%w: %s", ErrNotFound, name)
	}
	return nil
}
