// Package cli parses Natter's command line and runs its commands.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"strings"
)

// Build identifies the binary; main sets it from link-time variables.
type Build struct {
	Version string
	Commit  string
}

// commit falls back to the VCS revision Go embeds when built from a checkout.
func (b Build) commit() string {
	if b.Commit != "" {
		return b.Commit
	}
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" {
				return s.Value
			}
		}
	}
	return "unknown"
}

type command struct {
	name, summary string
	run           func(env *environment, args []string) error
}

// environment is what a command may touch: no os globals, so tests run
// commands in-process.
type environment struct {
	env            []string
	stdout, stderr io.Writer
	build          Build
	configFlag     fileList // -c given before the command, Isso style
	command        string   // the command's name as typed (serve or run)
}

func commands() []command {
	return []command{
		{"serve", "start the server", runServe},
		{"run", "start the server (Isso's name for serve)", runServe},
		{"check", "validate a configuration and print the effective settings", runCheck},
		{"notify-test", "send a test message through the notification channels", runNotifyTest},
		{"import", "import comments from Disqus, WordPress, Isso, Remark42, Artalk, Waline, Commento", runImport},
		{"export", "export every comment as Isso's generic JSON or JSON lines", runExport},
		{"backup", "write a consistent, verified copy of the database", runBackup},
		{"site", "add, list, remove or change the sites served at run time", runSite},
		{"version", "print the version and the build's commit", runVersion},
	}
}

// Main runs the command line and returns the process exit code.
func Main(args, env []string, stdout, stderr io.Writer, b Build) int {
	e := &environment{env: env, stdout: stdout, stderr: stderr, build: b}
	top := flag.NewFlagSet("natter", flag.ContinueOnError)
	top.SetOutput(stderr)
	top.Var(&e.configFlag, "c", "configuration `file` (isso.cfg format); several make a multi-site setup")
	showVersion := top.Bool("version", false, "print the version and exit")
	top.Usage = func() { usage(stderr, top) }
	if err := top.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage(stdout, top)
			return 0
		}
		return 2
	}
	if *showVersion {
		return exitCode(stderr, runVersion(e, nil))
	}
	rest := top.Args()
	if len(rest) == 0 {
		// Isso starts the server when no command is given; so does Natter.
		rest = []string{"serve"}
	}
	for _, cmd := range commands() {
		if cmd.name == rest[0] {
			e.command = cmd.name
			return exitCode(stderr, cmd.run(e, rest[1:]))
		}
	}
	fmt.Fprintf(stderr, "natter: unknown command %q\n", rest[0])
	usage(stderr, top)
	return 2
}

func exitCode(stderr io.Writer, err error) int {
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	default:
		fmt.Fprintf(stderr, "natter: %v\n", err)
		return 1
	}
}

// errUsage marks an error the flag package has already reported.
var errUsage = errors.New("usage")

func usage(w io.Writer, top *flag.FlagSet) {
	fmt.Fprintln(w, "Natter, a self-hosted comment server compatible with Isso.")
	fmt.Fprintln(w, "\nUsage: natter [-c FILE] <command> [flags]")
	fmt.Fprintln(w, "\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nGlobal flags:")
	top.SetOutput(w)
	top.PrintDefaults()
	fmt.Fprintln(w, "\nRun 'natter <command> -h' for a command's flags.")
	fmt.Fprintln(w, "Configuration: -c FILE, else NATTER_SETTINGS or ISSO_SETTINGS, else the built-in default.")
}

// newFlags makes a command's flag set with the shared -c flag.
func newFlags(e *environment, name, summary string) (*flag.FlagSet, *fileList) {
	fs := flag.NewFlagSet("natter "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	cfg := &fileList{}
	fs.Var(cfg, "c", "configuration `file` (isso.cfg format); several make a multi-site setup")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: natter %s [flags]\n\n%s.\n\nFlags:\n", name, summary)
		fs.PrintDefaults()
	}
	return fs, cfg
}

// fileList is a repeatable -c flag.
type fileList []string

func (f *fileList) String() string { return strings.Join(*f, ", ") }

// Set adds one file.
func (f *fileList) Set(v string) error {
	*f = append(*f, v)
	return nil
}

func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(nil)
			return err
		}
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "unexpected arguments: %s\n", strings.Join(fs.Args(), " "))
		return errUsage
	}
	return nil
}

func runVersion(e *environment, args []string) error {
	fs := flag.NewFlagSet("natter version", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "natter %s (commit %s)\n", e.build.Version, e.build.commit())
	return nil
}
