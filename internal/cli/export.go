package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/natter/natter/internal/exporter"
)

// runExport writes every comment as Isso's generic JSON or Natter's JSON
// lines, to OUT or standard output.
func runExport(e *environment, args []string) error {
	d := newDataFlags(e, "export", "Export every comment as Isso's generic JSON or as JSON lines", "[OUT]")
	format := d.fs.String("format", string(exporter.IssoJSON), "`format`: isso-json (Isso can import it) or jsonl (every column, one comment per line)")
	operands, err := d.parseOperands(args, 0, 1)
	if err != nil {
		return err
	}
	ctx := context.Background()
	st, err := d.openStore(ctx, e)
	if err != nil {
		return err
	}
	defer st.Close()
	if len(operands) == 0 {
		return exporter.Write(ctx, st, e.stdout, exporter.Format(*format))
	}
	return writeFileAtomically(operands[0], func(w io.Writer) error {
		return exporter.Write(ctx, st, w, exporter.Format(*format))
	})
}

// writeFileAtomically writes path through a temporary file, so a failed
// export leaves no truncated file behind.
func writeFileAtomically(path string, fn func(w io.Writer) error) error {
	tmp := path + ".partial"
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	err = fn(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		return errors.Join(err, os.Remove(tmp))
	}
	return nil
}
