//go:build screenshots

package app

// The screenshots hook's commands (see shots_hook.go). A command is a verb
// and its arguments separated by spaces; the last argument takes the rest
// of the line, so texts and patterns need no quoting:
//
//	tab server|client|lessons     show a tab
//	tap NAME                      press a button (an error if it is hidden or disabled)
//	select NAME CHOICE            pick an option of a Select or RadioGroup, by its
//	                              name in the table (server.demo echo) or its text
//	type NAME TEXT                replace an entry's text, typed rune by rune
//	submit NAME                   press Return in an entry
//	check NAME on|off             set a check box
//	split NAME OFFSET             move a split's divider (0…1)
//	text NAME                     answer "ok TEXT" with what the widget shows
//	wait NAME SECONDS REGEX       until the widget's text matches; answers it
//	dialog wait SECONDS           until a dialog is open
//	dialog close                  press the open dialog's only button
//	resize WIDTH HEIGHT           resize the window
//	names                         the names there are now
//
// Widgets change through their own methods (Button.Tapped, Entry.TypedRune,
// Check.SetChecked…) on the UI goroutine, as a click or a key would.

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// shotsUIWait bounds how long one step waits for the UI goroutine (the
// window may be closing, and then the pump runs nothing more).
const shotsUIWait = 10 * time.Second

// shotsPoll is how often "wait" looks again.
const shotsPoll = 50 * time.Millisecond

// shotsDriver runs commands against one window.
type shotsDriver struct {
	win  fyne.Window
	tabs *mainTabs
}

// shotsCommand is one verb: at least min and at most max arguments, the
// last taking the rest of the line.
type shotsCommand struct {
	usage    string
	min, max int
	run      func(d *shotsDriver, args []string) (string, error)
}

var shotsCommands map[string]shotsCommand

func init() {
	shotsCommands = map[string]shotsCommand{
		"tab":    {"tab server|client|lessons", 1, 1, (*shotsDriver).tab},
		"tap":    {"tap NAME", 1, 1, (*shotsDriver).tap},
		"select": {"select NAME CHOICE", 2, 2, (*shotsDriver).choose},
		"type":   {"type NAME TEXT", 1, 2, (*shotsDriver).typeText},
		"submit": {"submit NAME", 1, 1, (*shotsDriver).submit},
		"check":  {"check NAME on|off", 2, 2, (*shotsDriver).check},
		"split":  {"split NAME OFFSET", 2, 2, (*shotsDriver).split},
		"text":   {"text NAME", 1, 1, (*shotsDriver).text},
		"wait":   {"wait NAME SECONDS REGEX", 3, 3, (*shotsDriver).wait},
		"dialog": {"dialog wait SECONDS | dialog close", 1, 2, (*shotsDriver).dialog},
		"resize": {"resize WIDTH HEIGHT", 2, 2, (*shotsDriver).resize},
		"names":  {"names", 0, 0, (*shotsDriver).names},
	}
}

// do runs one command line and returns its one-line answer.
func (d *shotsDriver) do(line string) string {
	verb, rest, _ := strings.Cut(strings.TrimSpace(line), " ")
	cmd, ok := shotsCommands[verb]
	if !ok {
		return "error: unknown command " + strconv.Quote(shotsOneLine(verb)) + " (commands: " + sortedKeys(shotsCommands) + ")"
	}
	args := splitShotsArgs(rest, cmd.max)
	if len(args) < cmd.min {
		return "error: usage: " + cmd.usage
	}
	text, err := cmd.run(d, args)
	switch {
	case err != nil:
		return "error: " + shotsOneLine(err.Error())
	case text == "":
		return "ok"
	}
	return "ok " + shotsOneLine(text)
}

// splitShotsArgs splits s at spaces into at most n arguments, the last
// keeping the rest of s as it is.
func splitShotsArgs(s string, n int) []string {
	var args []string
	for s = strings.TrimLeft(s, " \t"); s != "" && len(args) < n; s = strings.TrimLeft(s, " \t") {
		if len(args) == n-1 {
			return append(args, strings.TrimRight(s, " \t"))
		}
		i := strings.IndexAny(s, " \t")
		if i < 0 {
			return append(args, s)
		}
		args = append(args, s[:i])
		s = s[i:]
	}
	return args
}

// shotsOneLine keeps an answer on one line: control characters become spaces.
func shotsOneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
}

// onUI runs f on the UI goroutine through the pump and waits for it.
// Only the hook's goroutine waits: the UI never waits for it.
func (d *shotsDriver) onUI(f func() error) error {
	done := make(chan error, 1)
	d.tabs.pump.post(func() { done <- f() })
	select {
	case err := <-done:
		return err
	case <-time.After(shotsUIWait):
		return fmt.Errorf("the UI did not run the step within %s", shotsUIWait)
	}
}

// target looks a name up in shotsTargets. UI goroutine only.
func (d *shotsDriver) target(name string) (shotsTarget, error) {
	targets := shotsTargets(d.tabs)
	t, ok := targets[name]
	if !ok {
		return t, fmt.Errorf("no widget named %q (a panel's widgets exist once client.demo has shown it); names: %s", name, sortedKeys(targets))
	}
	if t.obj == nil {
		return t, fmt.Errorf("%s is not in the window (the layout changed?)", name)
	}
	return t, nil
}

// onTarget runs f on the UI goroutine with the named widget as a W.
func onTarget[W fyne.CanvasObject](d *shotsDriver, name, kind string, f func(t shotsTarget, w W) error) error {
	return d.onUI(func() error {
		t, err := d.target(name)
		if err != nil {
			return err
		}
		w, ok := t.obj.(W)
		if !ok {
			return fmt.Errorf("%s is a %T, not %s", name, t.obj, kind)
		}
		if !w.Visible() {
			return fmt.Errorf("%s is hidden", name)
		}
		return f(t, w)
	})
}

// usable refuses a disabled widget, as the mouse would.
func usable(name string, w fyne.Disableable) error {
	if w.Disabled() {
		return fmt.Errorf("%s is disabled", name)
	}
	return nil
}

func (d *shotsDriver) tab(args []string) (string, error) {
	return "", d.onUI(func() error {
		content, ok := shotsTabs(d.tabs)[args[0]]
		if !ok {
			return fmt.Errorf("no tab %q; tabs: %s", args[0], sortedKeys(shotsTabs(d.tabs)))
		}
		for _, it := range d.tabs.tabs.Items {
			if tabContent(it) == content {
				d.tabs.tabs.Select(it)
				return nil
			}
		}
		return fmt.Errorf("the %s tab is not in the window", args[0])
	})
}

func (d *shotsDriver) tap(args []string) (string, error) {
	return "", onTarget(d, args[0], "a button", func(_ shotsTarget, b *widget.Button) error {
		if err := usable(args[0], b); err != nil {
			return err
		}
		b.Tapped(&fyne.PointEvent{})
		return nil
	})
}

// choose is "select": Select and RadioGroup alike.
func (d *shotsDriver) choose(args []string) (string, error) {
	name, choice := args[0], args[1]
	return "", d.onUI(func() error {
		t, err := d.target(name)
		if err != nil {
			return err
		}
		option := choice
		if o, ok := t.choices[choice]; ok {
			option = o
		}
		pick := func(options []string, set func(string)) error {
			if !slices.Contains(options, option) {
				names := ""
				if len(t.choices) > 0 {
					names = "; names: " + sortedKeys(t.choices)
				}
				return fmt.Errorf("%s has no option %q (options: %q%s)", name, choice, options, names)
			}
			set(option)
			return nil
		}
		switch w := t.obj.(type) {
		case *widget.Select:
			if err := usable(name, w); err != nil {
				return err
			}
			return pick(w.Options, w.SetSelected)
		case *widget.RadioGroup:
			if err := usable(name, w); err != nil {
				return err
			}
			return pick(w.Options, w.SetSelected)
		}
		return fmt.Errorf("%s is a %T, not a Select or RadioGroup", name, t.obj)
	})
}

func (d *shotsDriver) typeText(args []string) (string, error) {
	text := ""
	if len(args) > 1 {
		text = args[1]
	}
	return "", onTarget(d, args[0], "an entry", func(_ shotsTarget, e *widget.Entry) error {
		if err := usable(args[0], e); err != nil {
			return err
		}
		e.SetText("")
		for _, r := range text {
			e.TypedRune(r)
		}
		return nil
	})
}

func (d *shotsDriver) submit(args []string) (string, error) {
	return "", onTarget(d, args[0], "an entry", func(_ shotsTarget, e *widget.Entry) error {
		if err := usable(args[0], e); err != nil {
			return err
		}
		e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		return nil
	})
}

func (d *shotsDriver) check(args []string) (string, error) {
	var on bool
	switch args[1] {
	case "on":
		on = true
	case "off":
	default:
		return "", fmt.Errorf("check takes on or off, not %q", args[1])
	}
	return "", onTarget(d, args[0], "a check box", func(_ shotsTarget, c *widget.Check) error {
		if err := usable(args[0], c); err != nil {
			return err
		}
		c.SetChecked(on)
		return nil
	})
}

func (d *shotsDriver) split(args []string) (string, error) {
	offset, err := strconv.ParseFloat(args[1], 64)
	if err != nil || offset < 0 || offset > 1 {
		return "", fmt.Errorf("the offset is a number from 0 to 1, not %q", args[1])
	}
	return "", onTarget(d, args[0], "a split", func(_ shotsTarget, s *container.Split) error {
		s.SetOffset(offset)
		return nil
	})
}

// readTarget is what a widget shows, as "text" and "wait" see it.
func readTarget(name string, t shotsTarget) (string, error) {
	if t.read != nil {
		return t.read(), nil
	}
	switch w := t.obj.(type) {
	case *widget.Label:
		return w.Text, nil
	case *widget.Button:
		return w.Text, nil
	case *widget.Entry:
		return w.Text, nil
	case *widget.Select:
		return w.Selected, nil
	case *widget.RadioGroup:
		return w.Selected, nil
	case *widget.Check:
		if w.Checked {
			return "on", nil
		}
		return "off", nil
	}
	return "", fmt.Errorf("%s (a %T) has no text to read", name, t.obj)
}

func (d *shotsDriver) text(args []string) (string, error) {
	var text string
	err := d.onUI(func() error {
		t, err := d.target(args[0])
		if err == nil {
			text, err = readTarget(args[0], t)
		}
		return err
	})
	return text, err
}

// parseSeconds reads a timeout of at most ten minutes.
func parseSeconds(s string) (time.Duration, error) {
	secs, err := strconv.ParseFloat(s, 64)
	if err != nil || secs < 0 || secs > 600 {
		return 0, fmt.Errorf("seconds must be a number from 0 to 600, not %q", s)
	}
	return time.Duration(secs * float64(time.Second)), nil
}

// until asks probe on the UI goroutine until it reports done, an error, or
// limit has passed (then it returns errTimedOut and the last text).
func (d *shotsDriver) until(limit time.Duration, probe func() (string, bool, error)) (string, error) {
	deadline := time.Now().Add(limit)
	for {
		var text string
		var done bool
		if err := d.onUI(func() (err error) {
			text, done, err = probe()
			return err
		}); err != nil {
			return "", err
		}
		if done {
			return text, nil
		}
		if time.Now().After(deadline) {
			return text, errTimedOut
		}
		time.Sleep(shotsPoll)
	}
}

var errTimedOut = errors.New("timed out")

func (d *shotsDriver) wait(args []string) (string, error) {
	name := args[0]
	limit, err := parseSeconds(args[1])
	if err != nil {
		return "", err
	}
	re, err := regexp.Compile(args[2])
	if err != nil {
		return "", err
	}
	text, err := d.until(limit, func() (string, bool, error) {
		t, err := d.target(name)
		if err != nil {
			return "", false, err
		}
		text, err := readTarget(name, t)
		return text, err == nil && re.MatchString(text), err
	})
	if errors.Is(err, errTimedOut) {
		return "", fmt.Errorf("waited %s for %s to match /%s/; it reads %q", limit, name, args[2], text)
	}
	return text, err
}

func (d *shotsDriver) dialog(args []string) (string, error) {
	switch {
	case args[0] == "wait" && len(args) == 2:
		limit, err := parseSeconds(args[1])
		if err != nil {
			return "", err
		}
		_, err = d.until(limit, func() (string, bool, error) {
			return "", d.win.Canvas().Overlays().Top() != nil, nil
		})
		if errors.Is(err, errTimedOut) {
			return "", fmt.Errorf("no dialog opened within %s", limit)
		}
		return "", err
	case args[0] == "close" && len(args) == 1:
		return "", d.onUI(d.closeDialog)
	}
	return "", errors.New("usage: " + shotsCommands["dialog"].usage)
}

// closeDialog presses the button of the dialog on top, which must have
// exactly one (Close, OK): with more, which one to press is a decision
// the script should name. UI goroutine only.
func (d *shotsDriver) closeDialog() error {
	top := d.win.Canvas().Overlays().Top()
	if top == nil {
		return errors.New("no dialog is open")
	}
	var buttons []*widget.Button
	walkShots(top, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Visible() && !b.Disabled() {
			buttons = append(buttons, b)
		}
	})
	if len(buttons) != 1 {
		return fmt.Errorf("the dialog has %d buttons, not one", len(buttons))
	}
	buttons[0].Tapped(&fyne.PointEvent{})
	return nil
}

func (d *shotsDriver) resize(args []string) (string, error) {
	w, errW := strconv.Atoi(args[0])
	h, errH := strconv.Atoi(args[1])
	if errW != nil || errH != nil || w <= 0 || h <= 0 {
		return "", fmt.Errorf("resize takes a width and a height in pixels, not %q %q", args[0], args[1])
	}
	return "", d.onUI(func() error {
		d.win.Resize(fyne.NewSize(float32(w), float32(h)))
		return nil
	})
}

func (d *shotsDriver) names([]string) (string, error) {
	var names string
	err := d.onUI(func() error {
		names = sortedKeys(shotsTargets(d.tabs))
		return nil
	})
	return names, err
}
