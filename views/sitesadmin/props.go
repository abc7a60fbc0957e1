// Package sitesadmin renders the hoster's panel at /admin/sites.
package sitesadmin

import (
	"github.com/natter/natter/internal/i18n"
	"github.com/natter/natter/views/layout"
)

// Classes shared with the site panels (present in static/dist/natter.css).
const (
	inputClass    = "nt-w-full nt-rounded-natter nt-border nt-bg-bg nt-px-2 nt-py-1.5"
	primaryButton = "nt-rounded-natter nt-bg-accent nt-px-3 nt-py-1.5 nt-font-semibold nt-text-accent-fg"
	smallButton   = "nt-rounded-natter nt-border nt-px-2 nt-py-0.5"
)

// Page is what every page of the panel needs.
type Page struct {
	Layout layout.PageProps
	M      *i18n.Locale
	// Base is the panel's path, /admin/sites.
	Base string
	// Error is a message shown above the content ("" for none).
	Error string
}

// Login is the sign-in page.
type Login struct {
	Page
}

// Row is one site of the list.
type Row struct {
	Name      string
	Hosts     []string
	Registry  bool // from the registry, else from a configuration file
	Suspended bool
	Failing   bool // its database could not be read
	Comments  int64
	Last      string // "" when it has no comment
}

// Created is the site just created, with what is shown only once.
type Created struct {
	Name     string
	Path     string
	Panel    string
	Password string
	Snippet  string
}

// List is the signed-in page: every site, the creation form and, after a
// creation, the new site's password and snippet.
type List struct {
	Page
	CSRF    string
	Rows    []Row
	Created *Created
}

func (p Page) action(path string) string { return p.Base + path }

func (r Row) source(m *i18n.Locale) string {
	if r.Registry {
		return m.T("sites.source.registry")
	}
	return m.T("sites.source.config")
}

func (r Row) state(m *i18n.Locale) string {
	switch {
	case r.Suspended:
		return m.T("sites.state.suspended")
	case r.Failing:
		return m.T("sites.state.failing")
	}
	return m.T("sites.state.served")
}

func (r Row) last(m *i18n.Locale) string {
	if r.Last == "" {
		return m.T("sites.never")
	}
	return r.Last
}

func toggleVerb(r Row) string {
	if r.Suspended {
		return "resume"
	}
	return "suspend"
}
