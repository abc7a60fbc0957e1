package app

import (
	"context"
	"log/slog"
	"path/filepath"
	"sync"
	"time"

	"github.com/natter/natter/internal/config"
	"github.com/natter/natter/internal/sites"
)

// Registered serves the sites of a run-time registry beside those of the
// configuration files: a site added with `natter site add` is served on
// the next Sync, a removed or suspended one stops being served, and one
// whose settings changed is served anew.
type Registered struct {
	s    *Sites
	reg  *sites.Registry
	base *config.Config
	dir  string
	log  *slog.Logger
	mu   sync.Mutex // Sync runs from Watch and from the hoster's panel
	seen map[string]sites.Site
}

// NewRegistered serves reg's sites on s, each configured from base.
func NewRegistered(s *Sites, reg *sites.Registry, base *config.Config) *Registered {
	return &Registered{s: s, reg: reg, base: base, dir: filepath.Dir(reg.Path()), log: s.base, seen: map[string]sites.Site{}}
}

// Watch syncs every interval until ctx ends.
func (r *Registered) Watch(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		r.Sync(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Sync brings the served sites in line with the registry once.
func (r *Registered) Sync(ctx context.Context) {
	r.mu.Lock()
	defer r.mu.Unlock()
	list, err := r.reg.List(ctx)
	if err != nil {
		r.log.Error("sites registry", slog.String("error", err.Error()))
		return
	}
	want := map[string]sites.Site{}
	for _, st := range list {
		if !st.Suspended {
			st.Created = time.Time{} // settings only: a change remounts
			want[st.Name] = st
		}
	}
	for name, old := range r.seen {
		if now, ok := want[name]; !ok || now != old {
			r.unmount(name)
		}
	}
	for name, st := range want {
		if _, ok := r.seen[name]; !ok {
			r.mount(ctx, st)
		}
	}
}

func (r *Registered) mount(ctx context.Context, st sites.Site) {
	if r.s.Has(st.Name) {
		r.log.Warn("sites registry: a configuration file already serves this name", slog.String("site", st.Name))
		return
	}
	if err := r.s.Mount(ctx, st.Config(r.base, r.dir)); err != nil {
		r.log.Error("sites registry: cannot serve site", slog.String("site", st.Name), slog.String("error", err.Error()))
		return
	}
	r.seen[st.Name] = st
	r.log.Info("site added", slog.String("site", st.Name))
}

func (r *Registered) unmount(name string) {
	delete(r.seen, name)
	if err := r.s.Unmount(name); err != nil {
		r.log.Error("sites registry: close site", slog.String("site", name), slog.String("error", err.Error()))
	}
	r.log.Info("site removed", slog.String("site", name))
}
