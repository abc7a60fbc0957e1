package config

import (
	"strings"
	"testing"
)

// TestLoad_AdminPassword: with the panel enabled, a missing, published,
// empty or short plain password refuses to load, and says how to set one.
func TestLoad_AdminPassword(t *testing.T) {
	const bcryptHash = "$2a$04$A2ag8eKvGMqPhR4VmZfT0uQd4vW1wOeEV33nq1aF2tCnExi9wC2Hq"
	const argonHash = "$argon2id$v=19$m=65536,t=1,p=2$MDEyMzQ1Njc4OWFiY2RlZg$w1kJUiPTaZUt1fQAuy+9Oc4/7UWpWkeThXIzv7GOIeA"
	tests := []struct {
		name, admin string
		refused     bool
	}{
		{"no password (Isso's published default)", "enabled = true\n", true},
		{"published default written out", "enabled = true\npassword = please_choose_a_strong_password\n", true},
		{"empty", "enabled = true\npassword =\n", true},
		{"short", "enabled = true\npassword = s3cret\n", true},
		{"eleven characters", "enabled = true\npassword = 12345678901\n", true},
		{"twelve characters", "enabled = true\npassword = 123456789012\n", false},
		{"bcrypt hash", "enabled = true\npassword = " + bcryptHash + "\n", false},
		{"argon2id hash", "enabled = true\npassword = " + argonHash + "\n", false},
		{"panel disabled", "enabled = false\npassword = s3cret\n", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := loadText(t, minimal+"[admin]\n"+tc.admin)
			if !tc.refused {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatal("loaded")
			}
			ps := problems(t, err)
			if len(ps) != 1 || ps[0].Section != "admin" || ps[0].Key != "password" ||
				!strings.Contains(ps[0].Message, "at least 12 characters") || !strings.Contains(ps[0].Message, "hash") {
				t.Errorf("problems %v", ps)
			}
		})
	}
}

// TestLoad_AdminPasswordFromEnvironment: the refusal also covers a
// password given through the environment.
func TestLoad_AdminPasswordFromEnvironment(t *testing.T) {
	_, _, err := loadText(t, minimal+"[admin]\nenabled = true\n", "NATTER_ADMIN_PASSWORD=short")
	if err == nil {
		t.Fatal("loaded")
	}
	if _, _, err := loadText(t, minimal+"[admin]\nenabled = true\n", "NATTER_ADMIN_PASSWORD=a-long-random-password"); err != nil {
		t.Fatal(err)
	}
}
