package admin

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"mime/multipart"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/natter/natter/handlers/render"
	"github.com/natter/natter/internal/importer"
	"github.com/natter/natter/internal/store"
	view "github.com/natter/natter/views/admin"
)

// uploadTTL is how long an upload waits for its confirmation.
const uploadTTL = time.Hour

var tokenRe = regexp.MustCompile(`^[0-9a-f]{32}$`)

// uploadPath is where the upload named token waits between the dry run
// and the confirmation.
func uploadPath(token string) string {
	return filepath.Join(os.TempDir(), "natter-import-"+token)
}

// checkImport is POST /admin/data/import: keep the upload, dry-run it and
// show the summary with a confirmation form.
func (h *panel) checkImport(c *fiber.Ctx) error {
	format, err := parseImportFormat(c.FormValue("type"))
	if err != nil {
		return err
	}
	fh, err := c.FormFile("file")
	if err != nil {
		return fiber.NewError(fiber.StatusBadRequest, "no file")
	}
	pruneUploads(time.Now())
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	token := hex.EncodeToString(b)
	if err := saveUpload(fh, uploadPath(token)); err != nil {
		return err
	}
	sum, err := h.runImport(c, token, format, true)
	if err != nil {
		os.Remove(uploadPath(token))
		return h.showImport(c, fiber.StatusUnprocessableEntity, view.ImportCheck{Error: err.Error()})
	}
	return h.showImport(c, fiber.StatusOK, importCheck(sum, token, fh.Filename))
}

// confirmImport is POST /admin/data/import/confirm: import the upload the
// dry run described, then remove it.
func (h *panel) confirmImport(c *fiber.Ctx) error {
	token := c.FormValue("token")
	format, err := parseImportFormat(c.FormValue("type"))
	if err != nil || !tokenRe.MatchString(token) {
		return fiber.NewError(fiber.StatusBadRequest, "bad upload")
	}
	if _, err := os.Stat(uploadPath(token)); err != nil {
		return h.showImport(c, fiber.StatusGone, view.ImportCheck{Error: env(c).M.T("data.expired")})
	}
	defer os.Remove(uploadPath(token))
	if c.FormValue("cancel") != "" {
		return c.Redirect(env(c).U("/admin/data"), fiber.StatusSeeOther)
	}
	sum, err := h.runImport(c, token, format, false)
	if err != nil {
		return h.showImport(c, fiber.StatusUnprocessableEntity, view.ImportCheck{Error: err.Error()})
	}
	return c.Redirect(env(c).U("/admin/data?threads="+strconv.Itoa(sum.Threads)+"&comments="+strconv.Itoa(sum.Total())),
		fiber.StatusSeeOther)
}

// runImport imports through a connection of its own, as `natter import`
// does, so the running site's caches see the new comments as another
// process's writes.
func (h *panel) runImport(c *fiber.Ctx, token string, f importer.Format, dry bool) (*importer.Summary, error) {
	ctx := c.UserContext()
	st, err := store.Open(ctx, store.Options{Path: h.dbPath, Logger: h.log})
	if err != nil {
		return nil, err
	}
	sum, err := importer.Run(ctx, st, importer.Options{Path: uploadPath(token), Format: f, DryRun: dry})
	return sum, errors.Join(err, st.Close())
}

func parseImportFormat(s string) (importer.Format, error) {
	if s == "" {
		return "", nil
	}
	f, err := importer.ParseFormat(s)
	if err != nil {
		return "", fiber.NewError(fiber.StatusBadRequest, "unknown format")
	}
	return f, nil
}

func importCheck(sum *importer.Summary, token, name string) view.ImportCheck {
	out := view.ImportCheck{Token: token, File: name, Format: string(sum.Format), Records: sum.Records,
		Threads: sum.Threads, Comments: sum.Total()}
	for _, r := range importer.Reasons() {
		if n := sum.Skipped[r]; n > 0 {
			out.Skipped = append(out.Skipped, view.Skip{Reason: string(r), N: n})
		}
	}
	return out
}

func (h *panel) showImport(c *fiber.Ctx, status int, ic view.ImportCheck) error {
	p, err := h.page(c, env(c).M.T("data.title"), "data")
	if err != nil {
		return err
	}
	return render.HTML(c, status, view.DataPage(view.Data{Page: p, LimitMB: h.uploadMB(), Check: &ic, Postgres: store.IsPostgres(h.dbPath)}))
}

// saveUpload keeps an upload readable by this user only: exports hold
// commenters' e-mail addresses.
func saveUpload(fh *multipart.FileHeader, path string) error {
	in, err := fh.Open()
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	return errors.Join(err, out.Close())
}

// pruneUploads removes uploads whose confirmation never came.
func pruneUploads(now time.Time) {
	old, _ := filepath.Glob(uploadPath("*"))
	for _, p := range old {
		if fi, err := os.Stat(p); err == nil && now.Sub(fi.ModTime()) > uploadTTL {
			os.Remove(p)
		}
	}
}
