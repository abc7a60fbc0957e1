package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/natter/natter/internal/config"
	"github.com/natter/natter/internal/importer"
	"github.com/natter/natter/internal/site"
	"github.com/natter/natter/internal/store"
)

// dataFlags are the flags shared by import, export and backup.
type dataFlags struct {
	fs   *flag.FlagSet
	file *fileList // -c
	site *string   // --site
}

func newDataFlags(e *environment, name, summary, operand string) dataFlags {
	fs, file := newFlags(e, name, summary)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: natter %s [flags] %s\n\n%s.\n\nFlags:\n", name, operand, summary)
		fs.PrintDefaults()
	}
	s := fs.String("site", "", "site `name` in a multi-site setup (its [general] name)")
	return dataFlags{fs: fs, file: file, site: s}
}

// parseOperands parses flags that may come before or after the operands
// and returns the operands.
func (d dataFlags) parseOperands(args []string, min, max int) ([]string, error) {
	var operands []string
	for {
		if err := d.fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, errUsage
		}
		if d.fs.NArg() == 0 {
			break
		}
		operands = append(operands, d.fs.Arg(0))
		args = d.fs.Args()[1:]
	}
	if len(operands) < min || len(operands) > max {
		d.fs.Usage()
		return nil, errUsage
	}
	return operands, nil
}

// openStore opens the configured site's database and warns when the
// file is damaged, before anything is read from it or added to it.
func (d dataFlags) openStore(ctx context.Context, e *environment) (*store.Store, error) {
	path, cfg, err := d.dbPath(e)
	if err != nil {
		return nil, err
	}
	st, err := store.Open(ctx, store.Options{Path: path, LegacySessionKey: cfg.General.SessionKey, Logger: quietLogger(e)})
	if err != nil {
		return nil, err
	}
	st.QuickCheck(ctx)
	return st, nil
}

// dbPath finds the configured site's database.
func (d dataFlags) dbPath(e *environment) (string, *config.Config, error) {
	l, err := loadConfig(e, *d.file)
	if err != nil {
		return "", nil, err
	}
	cfg, err := l.site(*d.site)
	if err != nil {
		return "", nil, err
	}
	path, err := site.DatabasePath(cfg)
	return path, cfg, err
}

func runImport(e *environment, args []string) error {
	d := newDataFlags(e, "import", "Import comments from an export of Disqus, WordPress, Isso, Remark42, Artalk, Waline, Commento or Natter", "EXPORT")
	typ := d.fs.String("type", "", "export `format`: disqus, wordpress, isso-json, isso-db, remark42, artalk, waline, commento or jsonl (default: detected)")
	dry := d.fs.Bool("dry-run", false, "read the export and print the summary without writing anything")
	d.fs.Bool("empty-id", false, "accepted for Isso compatibility; Natter imports Disqus threads with empty ids anyway")
	operands, err := d.parseOperands(args, 1, 1)
	if err != nil {
		return err
	}
	o := importer.Options{Path: operands[0], DryRun: *dry, Progress: terminal(e.stderr)}
	if *typ != "" {
		if o.Format, err = importer.ParseFormat(*typ); err != nil {
			return err
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	st, err := d.openStore(ctx, e)
	if err != nil {
		return err
	}
	sum, err := importer.Run(ctx, st, o)
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	_, err = sum.WriteTo(e.stdout)
	return err
}

// terminal returns w if it is a terminal, for progress lines; nil otherwise.
func terminal(w io.Writer) io.Writer {
	f, ok := w.(*os.File)
	if !ok {
		return nil
	}
	if fi, err := f.Stat(); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	return w
}

// quietLogger reports the store's warnings and errors, not its progress.
func quietLogger(e *environment) *slog.Logger {
	return slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
}
