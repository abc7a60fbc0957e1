package sites

import (
	"path/filepath"

	"github.com/natter/natter/internal/config"
)

// Config is the configuration a registered site is served with: the
// server's first configuration (its guard, markup, notifications, limits)
// with the site's own name, database beside the registry, hosts,
// moderation and owner password.
func (s Site) Config(base *config.Config, dir string) *config.Config {
	c := *base
	c.File = "site " + s.Name
	c.General.Name = s.Name
	c.General.DBPath = filepath.Join(dir, "comments."+s.Name+".db")
	c.General.Hosts = s.HostList()
	c.Natter.Database = "" // never the base's: each site has its own file
	c.Moderation.Enabled = s.Moderation
	c.Admin.Enabled = s.AdminHash != ""
	c.Admin.Password = s.AdminHash
	return &c
}
