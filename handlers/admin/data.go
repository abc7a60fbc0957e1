package admin

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/natter/natter/handlers/render"
	"github.com/natter/natter/internal/exporter"
	"github.com/natter/natter/internal/store"
	view "github.com/natter/natter/views/admin"
)

// dataRoutes mounts the Data page: import an upload after a dry run,
// download an export or a backup. Uploads are bounded by [natter]
// body-limit, which bounds every request the server reads; larger exports
// are imported on the server with `natter import`.
func (h *panel) dataRoutes(g fiber.Router) {
	g.Get("/data", h.auth, h.data)
	g.Post("/data/import", h.auth, h.checkImport)
	g.Post("/data/import/confirm", h.auth, h.confirmImport)
	g.Post("/data/export", h.auth, h.export)
	g.Post("/data/backup", h.auth, h.backup)
}

// data is GET /admin/data.
func (h *panel) data(c *fiber.Ctx) error {
	p, err := h.page(c, env(c).M.T("data.title"), "data")
	if err != nil {
		return err
	}
	if t, err := strconv.Atoi(c.Query("threads")); err == nil {
		n, _ := strconv.Atoi(c.Query("comments"))
		p.Flash = p.M.T("data.imported", "counts", p.M.Counts(t, n))
	}
	return render.HTML(c, fiber.StatusOK, view.DataPage(view.Data{Page: p, LimitMB: h.uploadMB(), Postgres: store.IsPostgres(h.dbPath)}))
}

func (h *panel) uploadMB() string {
	return fmt.Sprintf("%.1f", float64(h.bodyLimit)/(1<<20))
}

// export is POST /admin/data/export: every comment, as a download.
func (h *panel) export(c *fiber.Ctx) error {
	f := exporter.Format(c.FormValue("format"))
	ext := map[exporter.Format]string{exporter.IssoJSON: "json", exporter.JSONL: "jsonl"}[f]
	if ext == "" {
		return fiber.NewError(fiber.StatusBadRequest, "unknown format")
	}
	return h.download(c, "comments."+ext, func(ctx context.Context, path string) error {
		out, err := os.Create(path)
		if err != nil {
			return err
		}
		err = exporter.Write(ctx, h.db, out, f)
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		return err
	})
}

// backup is POST /admin/data/backup: a consistent copy of the database,
// verified by store.Backup before it is sent.
func (h *panel) backup(c *fiber.Ctx) error {
	if store.IsPostgres(h.dbPath) {
		c.Set(fiber.HeaderContentType, fiber.MIMETextPlainCharsetUTF8)
		return c.Status(fiber.StatusConflict).SendString(env(c).M.T("data.backup_pg"))
	}
	return h.download(c, "comments.db", func(ctx context.Context, path string) error {
		return store.Backup(ctx, h.dbPath, path)
	})
}

// download writes a file with fill into a private temporary folder and
// streams it as an attachment; the file is unlinked before it is sent, so
// nothing stays behind whatever happens to the connection.
func (h *panel) download(c *fiber.Ctx, name string, fill func(ctx context.Context, path string) error) error {
	dir, err := os.MkdirTemp("", "natter-download-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, name)
	if err := fill(c.UserContext(), path); err != nil {
		return err
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return err
	}
	stamp := time.Now().UTC().Format("20060102-150405")
	c.Attachment(stamp + "-" + name)
	return c.SendStream(f, int(st.Size())) // fasthttp closes f once sent
}
