package cli

import (
	"context"
	"fmt"

	"github.com/natter/natter/internal/store"
)

// runBackup copies the database consistently while the server may be
// writing, and verifies the copy before reporting success.
func runBackup(e *environment, args []string) error {
	d := newDataFlags(e, "backup", "Write a consistent, verified copy of the database (safe while the server runs)", "OUT")
	operands, err := d.parseOperands(args, 1, 1)
	if err != nil {
		return err
	}
	path, _, err := d.dbPath(e)
	if err != nil {
		return err
	}
	if err := store.Backup(context.Background(), path, operands[0]); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "backup of %s written to %s (integrity check: ok)\n", path, operands[0])
	return nil
}
