package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/natter/natter/internal/config"
	"github.com/natter/natter/internal/sites"
)

// registryPath is where the run-time sites registry lives: [natter]
// sites-db, else natter-sites.db beside the first configuration file
// ("" for the built-in default, which has no file).
func registryPath(first *config.Config) string {
	if first.Natter.SitesDB != "" {
		return first.Natter.SitesDB
	}
	if first.File == "" {
		return ""
	}
	return filepath.Join(filepath.Dir(first.File), "natter-sites.db")
}

// openRegistry opens the registry; unless create is set, a registry that
// does not exist yet is nil (no run-time sites).
func openRegistry(first *config.Config, create bool) (*sites.Registry, error) {
	path := registryPath(first)
	if path == "" {
		if create {
			return nil, errors.New("sites: the built-in configuration has no place for a sites registry: give -c FILE or [natter] sites-db")
		}
		return nil, nil
	}
	if !create && first.Natter.SitesDB == "" {
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
	}
	reg, err := sites.Open(path)
	if err != nil {
		return nil, fmt.Errorf("[natter] sites-db: %w", err)
	}
	return reg, nil
}
