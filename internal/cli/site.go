package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/crypto/bcrypt"

	"github.com/natter/natter/internal/sites"
)

// runSite is `natter site add|list|remove|set`: the sites a hoster serves
// beside those of the configuration files, picked up by a running server
// within a second.
func runSite(e *environment, args []string) error {
	if len(args) == 0 {
		fmt.Fprintln(e.stderr, "Usage: natter [-c FILE] site add NAME --host URL... [--moderation] [--owner-email E]\n       natter site list | remove NAME [--purge] | set NAME KEY=VALUE...")
		return errUsage
	}
	verbs := map[string]func(*environment, []string) error{
		"add": siteAdd, "list": siteList, "remove": siteRemove, "set": siteSet,
	}
	run, ok := verbs[args[0]]
	if !ok {
		return fmt.Errorf("site: unknown command %q (add, list, remove, set)", args[0])
	}
	return run(e, args[1:])
}

// hostList is a repeatable --host flag.
type hostList []string

func (h *hostList) String() string { return strings.Join(*h, " ") }

// Set adds origins (one, or several separated by commas or spaces).
func (h *hostList) Set(v string) error {
	*h = append(*h, strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' })...)
	return nil
}

// registry opens the sites registry of the configuration -c names.
func registry(e *environment, fs *flag.FlagSet, file *fileList, args []string) (*sites.Registry, []string, error) {
	if err := fs.Parse(args); err != nil {
		return nil, nil, errUsage
	}
	rest := fs.Args()
	l, err := loadConfig(e, *file)
	if err != nil {
		return nil, nil, err
	}
	reg, err := openRegistry(l.configs[0], true)
	return reg, rest, err
}

func siteAdd(e *environment, args []string) error {
	fs, file := newFlags(e, "site add", "Register a site, served at /NAME by a running server")
	var hosts hostList
	fs.Var(&hosts, "host", "origin of the site's pages, e.g. https://blog.example.com (repeatable)")
	moderation := fs.Bool("moderation", false, "hold new comments for approval")
	owner := fs.String("owner-email", "", "the site owner's e-mail address")
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		fs.Usage()
		return errUsage
	}
	reg, rest, err := registry(e, fs, file, args[1:])
	if err != nil {
		return err
	}
	defer reg.Close()
	if len(rest) > 0 || len(hosts) == 0 {
		return errors.New("site add: give the site's origins with --host")
	}
	password, hash, err := sites.NewPassword()
	if err != nil {
		return err
	}
	s := sites.Site{Name: args[0], Hosts: strings.Join(hosts, "\n"), Moderation: *moderation, OwnerEmail: *owner, AdminHash: hash}
	if err := reg.Add(context.Background(), s); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "site %s added (registry %s); a running server serves it at /%s within a second\n", s.Name, reg.Path(), s.Name)
	fmt.Fprintf(e.stdout, "owner's admin panel: /%s/admin/  password (shown once): %s\n", s.Name, password)
	fmt.Fprintf(e.stdout, "snippet: <script src=\"https://YOUR-NATTER/%s/embed.js\" defer></script>\n", s.Name)
	return nil
}

func siteList(e *environment, args []string) error {
	fs, file := newFlags(e, "site list", "List every site: from configuration files and from the registry")
	l, err := loadConfig(e, *file)
	if err != nil {
		return err
	}
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	for _, c := range l.configs {
		if c.General.Name != "" {
			fmt.Fprintf(e.stdout, "%-20s config    %s\n", c.General.Name, strings.Join(c.General.Hosts, " "))
		}
	}
	reg, err := openRegistry(l.configs[0], false)
	if err != nil || reg == nil {
		return err
	}
	defer reg.Close()
	list, err := reg.List(context.Background())
	for _, s := range list {
		state := "registry"
		if s.Suspended {
			state = "suspended"
		}
		fmt.Fprintf(e.stdout, "%-20s %-9s %s\n", s.Name, state, strings.Join(s.HostList(), " "))
	}
	return err
}

func siteRemove(e *environment, args []string) error {
	fs, file := newFlags(e, "site remove", "Stop serving a registered site (its comments are kept unless --purge)")
	purge := fs.Bool("purge", false, "also delete the site's database")
	if len(args) == 0 {
		return errUsage
	}
	reg, _, err := registry(e, fs, file, args[1:])
	if err != nil {
		return err
	}
	defer reg.Close()
	if err := reg.Remove(context.Background(), args[0]); err != nil {
		return err
	}
	db := filepath.Join(filepath.Dir(reg.Path()), "comments."+args[0]+".db")
	if *purge {
		for _, suffix := range []string{"", "-wal", "-shm"} {
			if err := os.Remove(db + suffix); err != nil && !os.IsNotExist(err) {
				return fmt.Errorf("site remove: %w", err)
			}
		}
		fmt.Fprintf(e.stdout, "site %s removed and its database deleted\n", args[0])
		return nil
	}
	fmt.Fprintf(e.stdout, "site %s removed; its comments stay in %s\n", args[0], db)
	return nil
}

// siteSet changes settings: host=URL[,URL], moderation=BOOL,
// owner-email=E, suspended=BOOL, password=NEW.
func siteSet(e *environment, args []string) error {
	fs, file := newFlags(e, "site set", "Change a registered site: host=, moderation=, owner-email=, suspended=, password=")
	if len(args) < 2 {
		return errUsage
	}
	reg, pairs, err := registry(e, fs, file, args[1:])
	if err != nil {
		return err
	}
	defer reg.Close()
	fields := map[string]any{}
	for _, kv := range pairs {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return fmt.Errorf("site set: %q is not KEY=VALUE", kv)
		}
		if err := setField(fields, k, v); err != nil {
			return err
		}
	}
	if err := reg.Update(context.Background(), args[0], fields); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "site %s updated\n", args[0])
	return nil
}

func setField(fields map[string]any, k, v string) error {
	switch k {
	case "host":
		fields["hosts"] = strings.Join(strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' }), "\n")
	case "owner-email":
		fields["owner_email"] = v
	case "moderation", "suspended":
		b, err := strconv.ParseBool(v)
		if err != nil {
			return fmt.Errorf("site set: %s: %w", k, err)
		}
		fields[k] = b
	case "password":
		if len(v) < 12 {
			return errors.New("site set: password: at least 12 characters")
		}
		h, err := bcrypt.GenerateFromPassword([]byte(v), bcrypt.DefaultCost)
		if err != nil {
			return err
		}
		fields["admin_hash"] = string(h)
	default:
		return fmt.Errorf("site set: unknown key %q (host, moderation, owner-email, suspended, password)", k)
	}
	return nil
}
