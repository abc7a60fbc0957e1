package sitesadmin

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"strings"

	"github.com/a-h/templ"
	"github.com/gofiber/fiber/v2"

	"github.com/natter/natter/internal/i18n"
	"github.com/natter/natter/internal/sites"
	"github.com/natter/natter/views/layout"
	view "github.com/natter/natter/views/sitesadmin"
)

func (p *panel) page(c *fiber.Ctx, errMsg string) view.Page {
	m := i18n.Negotiate("", c.Get(fiber.HeaderAcceptLanguage), p.Lang)
	css := ""
	if u := p.Assets.URL("natter.css"); u != "" {
		css = Base + u
	}
	return view.Page{M: m, Base: Base, Error: errMsg,
		Layout: layout.PageProps{Title: "Natter · " + m.T("sites.title"), Lang: m.Tag, CSSURL: css}}
}

func send(c *fiber.Ctx, status int, t templ.Component) error {
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	c.Status(status)
	return t.Render(c.UserContext(), c.Response().BodyWriter())
}

func (p *panel) home(c *fiber.Ctx) error {
	t := p.session(c)
	if t == "" {
		return send(c, fiber.StatusOK, view.LoginPage(view.Login{Page: p.page(c, "")}))
	}
	return p.list(c, t, fiber.StatusOK, "", nil)
}

func (p *panel) list(c *fiber.Ctx, token string, status int, errMsg string, created *view.Created) error {
	pg := p.page(c, errMsg)
	rows, err := p.rows(c.UserContext(), pg.M)
	if err != nil {
		return err
	}
	return send(c, status, view.ListPage(view.List{Page: pg, CSRF: p.tokens.csrf(token), Rows: rows, Created: created}))
}

// rows lists the sites of the configuration files, then the registry's.
func (p *panel) rows(ctx context.Context, m *i18n.Locale) ([]view.Row, error) {
	reg, err := p.Registry.List(ctx)
	if err != nil {
		return nil, err
	}
	registered := map[string]bool{}
	for _, s := range reg {
		registered[s.Name] = true
	}
	var out []view.Row
	for _, cfg := range p.Sites.Configs() {
		if !registered[cfg.General.Name] {
			out = append(out, p.counted(ctx, m, view.Row{Name: cfg.General.Name, Hosts: cfg.General.Hosts}))
		}
	}
	sortRows(out)
	for _, s := range reg {
		r := view.Row{Name: s.Name, Hosts: s.HostList(), Registry: true, Suspended: s.Suspended}
		if !s.Suspended {
			r = p.counted(ctx, m, r)
		}
		out = append(out, r)
	}
	return out, nil
}

func (p *panel) counted(ctx context.Context, m *i18n.Locale, r view.Row) view.Row {
	n, last, err := p.Sites.Activity(ctx, r.Name)
	if err != nil {
		p.Logger.Warn("sites admin: count comments", slog.String("site", r.Name), slog.String("error", err.Error()))
		r.Failing = true
		return r
	}
	r.Comments = n
	if !last.IsZero() {
		r.Last = m.FormatTime(last)
	}
	return r
}

func (p *panel) login(c *fiber.Ctx) error {
	now, ip := p.Now(), c.IP()
	if blocked, wait := p.limiter.Blocked(ip, now); blocked {
		c.Set(fiber.HeaderRetryAfter, fmt.Sprint(int(wait.Seconds())+1))
		pg := p.page(c, "")
		pg.Error = pg.M.T("sites.login.limited")
		return send(c, fiber.StatusTooManyRequests, view.LoginPage(view.Login{Page: pg}))
	}
	if !p.password.Check(c.FormValue("password")) {
		p.limiter.Fail(ip, now)
		p.Logger.Warn("sites admin: failed sign-in", slog.String("ip", ip))
		pg := p.page(c, "")
		pg.Error = pg.M.T("sites.login.wrong")
		return send(c, fiber.StatusUnauthorized, view.LoginPage(view.Login{Page: pg}))
	}
	p.limiter.Reset(ip)
	p.setCookie(c, p.tokens.issue(now), int(p.tokens.ttl.Seconds()))
	return c.Redirect(Base+"/", fiber.StatusSeeOther)
}

func (p *panel) logout(c *fiber.Ctx, _ string) error {
	p.setCookie(c, "", -1)
	return c.Redirect(Base+"/", fiber.StatusSeeOther)
}

func (p *panel) create(c *fiber.Ctx, token string) error {
	ctx := c.UserContext()
	name := strings.TrimSpace(c.FormValue("name"))
	hosts := strings.Fields(c.FormValue("hosts"))
	if err := p.checkNew(name, hosts); err != nil {
		return p.list(c, token, fiber.StatusBadRequest, err.Error(), nil)
	}
	plain, hash, err := sites.NewPassword()
	if err != nil {
		return err
	}
	s := sites.Site{Name: name, Hosts: strings.Join(hosts, "\n"), Moderation: c.FormValue("moderation") != "",
		OwnerEmail: strings.TrimSpace(c.FormValue("owner")), AdminHash: hash}
	if err := p.Registry.Add(ctx, s); err != nil {
		return p.list(c, token, fiber.StatusBadRequest, err.Error(), nil)
	}
	p.Sync(ctx)
	p.Logger.Info("sites admin: site created", slog.String("site", name))
	base := c.BaseURL()
	created := &view.Created{Name: name, Path: "/" + name, Panel: base + "/" + name + "/admin/", Password: plain,
		Snippet: `<script src="` + base + "/" + name + `/embed.js" defer></script>`}
	return p.list(c, token, fiber.StatusCreated, "", created)
}

// checkNew refuses a bad name, one a configuration file serves, and
// origins that are not http(s) URLs.
func (p *panel) checkNew(name string, hosts []string) error {
	if err := sites.CheckName(name); err != nil {
		return err
	}
	for _, cfg := range p.Sites.Configs() {
		if cfg.General.Name == name {
			return fmt.Errorf("%w: %s", sites.ErrExists, name)
		}
	}
	if len(hosts) == 0 {
		return fmt.Errorf("sites: give the origins of the site's pages")
	}
	for _, h := range hosts {
		u, err := url.Parse(h)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("sites: %q is not an origin such as https://blog.example.com", h)
		}
	}
	return nil
}

func (p *panel) suspend(on bool) func(*fiber.Ctx, string) error {
	return func(c *fiber.Ctx, token string) error {
		name := c.Params("name")
		if err := p.Registry.Update(c.UserContext(), name, map[string]any{"suspended": on}); err != nil {
			return p.list(c, token, fiber.StatusNotFound, err.Error(), nil)
		}
		p.Sync(c.UserContext())
		p.Logger.Info("sites admin: site suspended", slog.String("site", name), slog.Bool("suspended", on))
		return c.Redirect(Base+"/", fiber.StatusSeeOther)
	}
}
