package handlers

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/gofiber/fiber/v2"
	"github.com/natter/natter/handlers/reqctx"
	"github.com/valyala/fasthttp"
)

// Dispatcher serves several sites from one listener, as Isso's dispatcher
// does: site <name> answers under /<name>, with the prefix moved into its
// script root; X-Script-Name applies once, before dispatch; any other
// path is a 404 listing the mount points. Each site keeps its own app,
// so its routes, limits, CORS and error pages stay its own. Sites can be
// mounted and unmounted while serving (sites added at run time). /healthz
// and /readyz at the root answer for the process: ready while every
// site's database answers (each site has its own /<name>/readyz too).
type Dispatcher struct {
	HTTP *fiber.App

	mu    sync.RWMutex
	sites map[string]*mounted
	// panel serves one process-wide path (the hoster's /admin/sites)
	// ahead of the sites; nil when off.
	panelPath string
	panel     fasthttp.RequestHandler
}

// mounted is one site; a lazy one is opened by the first request for it,
// so a process with many sites starts at once and keeps idle ones closed.
type mounted struct {
	mu    sync.Mutex
	open  func() (*fiber.App, Readier, error) // nil once opened
	h     fasthttp.RequestHandler
	ready Readier
}

// handler opens the site if it is not yet open.
func (m *mounted) handler() (fasthttp.RequestHandler, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.open != nil {
		app, ready, err := m.open()
		if err != nil {
			return nil, err
		}
		m.h, m.ready, m.open = Serving(app), ready, nil
	}
	return m.h, nil
}

// readiness is the site's Readier once it is open, else nil.
func (m *mounted) readiness() Readier {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.ready
}

// NewDispatcher builds an empty dispatcher; bodyLimit bounds every site.
func NewDispatcher(bodyLimit int) *Dispatcher {
	d := &Dispatcher{sites: map[string]*mounted{}}
	d.HTTP = fiber.New(fiber.Config{BodyLimit: bodyLimit, DisableStartupMessage: true, ReadBufferSize: 16 << 10})
	d.HTTP.Get("/healthz", healthz)
	d.HTTP.Get("/readyz", readyz(d))
	d.HTTP.Use(d.dispatch)
	return d
}

// Mount serves app under /name, replacing what was there.
func (d *Dispatcher) Mount(name string, app *fiber.App, ready Readier) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.sites[name] = &mounted{h: Serving(app), ready: ready}
}

// MountLazy serves /name with the app open returns, called on the first
// request for it (and again after a failure, which answers 503).
func (d *Dispatcher) MountLazy(name string, open func() (*fiber.App, Readier, error)) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.sites[name] = &mounted{open: open}
}

// Panel serves path and what is under it with app, ahead of the sites
// (which cannot be named after its first segment). Call it before serving.
func (d *Dispatcher) Panel(path string, app *fiber.App) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.panelPath, d.panel = path, Serving(app)
}

// Open opens the site name if it is lazy and not yet open.
func (d *Dispatcher) Open(name string) error {
	d.mu.RLock()
	m, ok := d.sites[name]
	d.mu.RUnlock()
	if !ok {
		return fmt.Errorf("no site %s", name)
	}
	_, err := m.handler()
	return err
}

// Unmount stops serving /name.
func (d *Dispatcher) Unmount(name string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	delete(d.sites, name)
}

// Mounts lists the mount points, sorted.
func (d *Dispatcher) Mounts() []string {
	d.mu.RLock()
	defer d.mu.RUnlock()
	out := make([]string, 0, len(d.sites))
	for name := range d.sites {
		out = append(out, "/"+name)
	}
	sort.Strings(out)
	return out
}

func (d *Dispatcher) dispatch(c *fiber.Ctx) error {
	script := reqctx.CleanPrefix(c.Get("X-Script-Name"))
	path := string(c.Request().URI().Path())
	if script != "" && (path == script || strings.HasPrefix(path, script+"/")) {
		path = strings.TrimPrefix(path, script)
	}
	name, rest, _ := strings.Cut(strings.TrimPrefix(path, "/"), "/")
	d.mu.RLock()
	m, ok := d.sites[name]
	panel, panelPath := d.panel, d.panelPath
	d.mu.RUnlock()
	if panel != nil && (path == panelPath || strings.HasPrefix(path, panelPath+"/")) {
		c.Request().URI().SetPath(path)
		panel(c.Context())
		return nil
	}
	if !ok {
		c.Set(fiber.HeaderContentType, fiber.MIMETextPlainCharsetUTF8)
		return c.Status(fiber.StatusNotFound).SendString(strings.Join(d.Mounts(), "\n"))
	}
	h, err := m.handler()
	if err != nil {
		c.Set(fiber.HeaderRetryAfter, "30")
		c.Set(fiber.HeaderContentType, fiber.MIMETextPlainCharsetUTF8)
		return c.Status(fiber.StatusServiceUnavailable).SendString("site " + name + " is unavailable: " + err.Error())
	}
	c.Request().Header.Set("X-Script-Name", script+"/"+name)
	c.Request().URI().SetPath("/" + rest)
	h(c.Context())
	return nil
}

// Ready reports the first site that is not ready.
func (d *Dispatcher) Ready(ctx context.Context) error {
	d.mu.RLock()
	defer d.mu.RUnlock()
	for name, m := range d.sites {
		r := m.readiness()
		if r == nil {
			continue // not opened yet: nothing is failing
		}
		if err := r.Ready(ctx); err != nil {
			return fmt.Errorf("site %s: %w", name, err)
		}
	}
	return nil
}
