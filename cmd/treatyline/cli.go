package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"sort"
	"strings"
	"unicode/utf8"

	"treatyline/internal/report"
)

// Main is the program: its streams and its commands. Tests build one with
// buffers for streams and call Run with arguments.
type Main struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	commands       map[string]command
}

// command is one subcommand.
type command interface {
	// Summary is the one line that `treatyline --help` lists.
	Summary() string
	// Run executes the command with its arguments (after the command
	// name). A *usageError or *inputError sets the exit status.
	Run(ctx context.Context, m *Main, args []string) error
}

// NewMain wires the commands to the process's streams.
func NewMain() *Main {
	return &Main{
		Stdin:  os.Stdin,
		Stdout: os.Stdout,
		Stderr: os.Stderr,
		commands: map[string]command{
			"date":      &dateCommand{},
			"quantity":  &quantityCommand{},
			"check":     &checkCommand{},
			"sources":   &sourcesCommand{},
			"show":      &showCommand{},
			"search":    &searchCommand{},
			"claims":    &claimsCommand{},
			"asof":      &asofCommand{},
			"status":    &statusCommand{},
			"timeline":  &timelineCommand{},
			"conflicts": &conflictsCommand{},
			"ingest":    &ingestCommand{},
			"eval":      &evalCommand{},
			"review":    &reviewCommand{},
			"serve":     &serveCommand{},
			"import":    &importCommand{},
			"export":    &exportCommand{},
			"init":      &initCommand{},
			"entities":  &entitiesCommand{},
		},
	}
}

// Exit statuses.
const (
	exitOK      = 0
	exitFailure = 1 // something went wrong that is not the input's fault
	exitInput   = 2 // the input (arguments, a file) could not be read
)

// inputError is input that could not be read: exit status 2.
type inputError struct{ err error }

func (e *inputError) Error() string { return e.err.Error() }
func (e *inputError) Unwrap() error { return e.err }

// Run runs the command named by args[0] and returns the exit status.
func (m *Main) Run(ctx context.Context, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		m.usage(m.Stdout)
		if len(args) == 0 {
			return exitInput
		}
		return exitOK
	}
	if args[0] == "--version" || args[0] == "-version" || args[0] == "version" {
		fmt.Fprintln(m.Stdout, "treatyline", version())
		return exitOK
	}
	cmd, ok := m.commands[args[0]]
	if !ok {
		fmt.Fprintf(m.Stderr, "treatyline: unknown command %q\n\n", args[0])
		m.usage(m.Stderr)
		return exitInput
	}
	err := cmd.Run(ctx, m, args[1:])
	var in *inputError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, &in):
		fmt.Fprintf(m.Stderr, "treatyline %s: %v\n", args[0], err)
		return exitInput
	}
	fmt.Fprintf(m.Stderr, "treatyline %s: %v\n", args[0], err)
	return exitFailure
}

func (m *Main) usage(w io.Writer) {
	fmt.Fprintln(w, "treatyline: historical treaties as a source-anchored, calendar-aware knowledge base")
	fmt.Fprintln(w, "\nUsage: treatyline <command> [flags] [arguments]\n\nCommands:")
	names := make([]string, 0, len(m.commands))
	for n := range m.commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, m.commands[n].Summary())
	}
	fmt.Fprintln(w, "\nEvery command takes --help; every command but serve (which serves JSON) takes --json for")
	fmt.Fprintln(w, "machine-readable output. treatyline --version prints the version.")
	fmt.Fprintln(w, "Exit status: 0 done, 1 failure, 2 input that could not be read.")
}

// newFlags makes a command's flag set, printing its usage to the program's
// error stream.
func newFlags(m *Main, name, args, about string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(m.Stderr, "Usage: treatyline %s [flags] %s\n\n%s\n\nFlags:\n", name, args, about)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses flags wherever they stand among the arguments, so that
// `treatyline date "16 mei 1858" --json` works as well as the other order.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, &inputError{err}
		}
		args = fs.Args()
		if len(args) == 0 {
			return rest, nil
		}
		if args[0] == "--" {
			return append(rest, args[1:]...), nil
		}
		rest = append(rest, args[0])
		args = args[1:]
	}
}

// writeJSON prints v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	return report.WriteJSON(w, v)
}

// writeJSONLine prints v as one line of JSON (JSON Lines).
func writeJSONLine(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// readInput reads the text of a file argument, "-" for standard input.
func (m *Main) readInput(path string) (string, error) {
	var b []byte
	var err error
	if path == "-" {
		b, err = io.ReadAll(m.Stdin)
	} else {
		b, err = os.ReadFile(path)
	}
	if err != nil {
		return "", &inputError{fmt.Errorf("read %s: %w", path, err)}
	}
	return string(b), nil
}

// readText reads a UTF-8 text file argument ("-" for standard input),
// refusing other encodings.
func (m *Main) readText(path string) (string, error) {
	text, err := m.readInput(path)
	if err != nil {
		return "", err
	}
	if !utf8.ValidString(text) {
		return "", &inputError{fmt.Errorf("%s: not UTF-8 text", path)}
	}
	return text, nil
}

// joinArgs makes one text of the words given, so that quoting is optional.
func joinArgs(args []string) string { return strings.TrimSpace(strings.Join(args, " ")) }

// envOr gives an environment variable, or a default when it is unset.
func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

// version gives the module version and, for a build from a checkout, the
// commit it was built from: "(devel) 1a2b3c4d5e6f, modified".
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
			if len(rev) > 12 {
				rev = rev[:12]
			}
		case "vcs.modified":
			if s.Value == "true" {
				modified = ", modified"
			}
		}
	}
	if rev != "" {
		v += " " + rev + modified
	}
	return v + " (" + info.GoVersion + ")"
}
