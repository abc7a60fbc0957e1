package cli

import (
	"fmt"
)

// runCheck validates a configuration and prints the effective settings
// with secrets masked; errors name file, line and key.
func runCheck(e *environment, args []string) error {
	fs, file := newFlags(e, "check", "Validate a configuration and print the effective settings, secrets masked")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	l, err := loadConfig(e, *file)
	if err != nil {
		return err
	}
	for _, w := range l.warnings {
		fmt.Fprintf(e.stderr, "warning: %s\n", w)
	}
	for _, c := range l.configs {
		if err := c.WriteEffective(e.stdout); err != nil {
			return fmt.Errorf("print settings: %w", err)
		}
	}
	if l.multi {
		for _, c := range l.configs {
			fmt.Fprintf(e.stderr, "site %s (%s) served at /%s\n", c.General.Name, c.File, c.General.Name)
		}
	}
	fmt.Fprintf(e.stderr, "%s: configuration OK\n", l.source)
	return nil
}
