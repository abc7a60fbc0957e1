package sites

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"

	"golang.org/x/crypto/bcrypt"
)

// NewPassword makes an owner's panel password and its bcrypt hash.
func NewPassword() (plain, hash string, err error) {
	b := make([]byte, 15)
	if _, err := rand.Read(b); err != nil {
		return "", "", err
	}
	plain = base64.RawURLEncoding.EncodeToString(b)
	h, err := bcrypt.GenerateFromPassword([]byte(plain), bcrypt.DefaultCost)
	return plain, string(h), err
}

// secret is a random key the registry keeps for the process-wide panel.
type secret struct {
	Name  string `gorm:"column:name;primaryKey"`
	Value []byte `gorm:"column:value"`
}

// TableName pins the table's name.
func (secret) TableName() string { return "natter_sites_secrets" }

// Secret returns the random 32-byte key named name, creating it on first
// use; the hoster's panel signs its sessions with it, so they survive a
// restart and stay valid across processes sharing the registry.
func (r *Registry) Secret(ctx context.Context, name string) ([]byte, error) {
	if err := r.db.WithContext(ctx).AutoMigrate(&secret{}); err != nil {
		return nil, fmt.Errorf("sites: secret: %w", err)
	}
	k := make([]byte, 32)
	if _, err := rand.Read(k); err != nil {
		return nil, err
	}
	s := secret{Name: name, Value: k}
	if err := r.db.WithContext(ctx).Where(secret{Name: name}).FirstOrCreate(&s).Error; err != nil {
		return nil, fmt.Errorf("sites: secret: %w", err)
	}
	return s.Value, nil
}
