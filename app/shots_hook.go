//go:build screenshots

package app

// The screenshots hook: scripts/screenshots.sh drives the window by naming
// widgets ("tap server.start", "select client.demo calc") instead of clicking
// coordinates, so a layout change or a translation cannot make it click the
// wrong thing. It is compiled only with the screenshots tag (make
// screenshots builds a separate binary with it); the app people run never
// contains it.
//
// With SOCKETLAB_SHOTS_CTL set to a directory holding two fifos, "in" and
// "out", the app reads one command a line from in and answers each with one
// line on out: "ok", "ok TEXT" or "error: WHY". Every command runs on the UI
// goroutine through the window's UI pump, so the script can wait for each
// step. The commands are in shots_commands.go; the names they take are in
// shotsTargets below.

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/socketlab/socketlab/netcore"
	"github.com/socketlab/socketlab/netcore/demos"
)

// shotsCtlEnv names the directory with the command and reply fifos.
const shotsCtlEnv = "SOCKETLAB_SHOTS_CTL"

func init() { startShotsHook = startShots }

// startShots serves the fifos in $SOCKETLAB_SHOTS_CTL, if set, on a
// goroutine of its own. That goroutine only waits for the UI (through the
// pump), never the other way round; it ends with the process.
func startShots(w fyne.Window, m *mainTabs) {
	dir := os.Getenv(shotsCtlEnv)
	if dir == "" {
		return
	}
	d := &shotsDriver{win: w, tabs: m}
	go func() {
		if err := serveShotsDir(dir, d); err != nil {
			fmt.Fprintln(os.Stderr, "screenshots hook:", err)
		}
	}()
}

// serveShotsDir opens the fifos. The script holds both open (read-write)
// before it starts the app, so neither open blocks.
func serveShotsDir(dir string, d *shotsDriver) error {
	in, err := os.OpenFile(filepath.Join(dir, "in"), os.O_RDONLY, 0)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(filepath.Join(dir, "out"), os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	defer out.Close()
	return serveShots(in, out, d)
}

// serveShots answers each command line of r with one line on w. Blank
// lines and lines starting with # are skipped.
func serveShots(r io.Reader, w io.Writer, d *shotsDriver) error {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if _, err := fmt.Fprintln(w, d.do(line)); err != nil {
			return err
		}
	}
	return sc.Err()
}

// shotsTarget is a widget the commands can address, and how to read it.
type shotsTarget struct {
	obj fyne.CanvasObject
	// read is what "text" and "wait" see; nil: the widget's own text.
	read func() string
	// choices name a Select's or RadioGroup's options by meaning (the
	// option texts are long, and may be translated one day).
	choices map[string]string
}

// shotsTabs are the tabs by name.
func shotsTabs(m *mainTabs) map[string]fyne.CanvasObject {
	return map[string]fyne.CanvasObject{
		"server":  m.server.content,
		"client":  m.client.content,
		"lessons": m.lessons.content,
	}
}

// shotsTargets is the one table of the widgets the script may use. A
// panel's widgets are listed once the panel exists (after "select
// client.demo NAME"). UI goroutine only.
func shotsTargets(m *mainTabs) map[string]shotsTarget {
	s, c := m.server, m.client
	ifaces := map[string]string{}
	for _, ch := range s.ifaces {
		ifaces[ch.key] = ch.label
	}
	serverDemos := map[string]string{}
	for _, d := range s.demos {
		serverDemos[d.Name] = demoOption(d)
	}
	clientDemos := map[string]string{}
	for _, d := range demos.All() {
		clientDemos[d.Name] = demoOption(d)
	}
	t := map[string]shotsTarget{
		"server.demo":       {obj: s.demoSelect, choices: serverDemos},
		"server.interface":  {obj: s.ifaceSelect, choices: ifaces},
		"server.port":       {obj: s.portEntry},
		"server.serve":      {obj: s.serveMode, choices: map[string]string{"one": serveOneLabel(), "all": serveAllLabel()}},
		"server.announce":   {obj: s.announce},
		"server.start":      {obj: s.startButton},
		"server.stop":       {obj: s.stopButton},
		"server.status":     {obj: s.status},
		"server.reach":      {obj: s.reachButton},
		"server.clients":    {obj: s.clientsTitle},
		"server.log.clear":  {obj: s.log.clearButton},
		"server.tls":        {obj: s.tlsCheck},
		"server.allow":      {obj: s.allowEntry},
		"server.wire":       {obj: s.log.wire.check},
		"server.banner.tls": {obj: s.bannerTLS},
		// The divider between the settings and the rest.
		"server.settings": {obj: s.content},
		// The divider between the clients list and the log.
		"server.monitor": {obj: splitHolding(s.content, s.log.content)},

		"client.host":        {obj: c.host},
		"client.port":        {obj: c.port},
		"client.connect":     {obj: c.connectButton},
		"client.check":       {obj: c.checkButton},
		"client.status":      {obj: c.status},
		"client.demo":        {obj: c.demoSelect, choices: clientDemos},
		"client.message":     {obj: &c.message.Entry},
		"client.send":        {obj: c.sendButton},
		"client.hex":         {obj: c.transcript.hexCheck},
		"client.clear":       {obj: c.transcript.clearButton},
		"client.tls":         {obj: c.tlsCheck},
		"client.fingerprint": {obj: c.fingerprint},
		"client.wire":        {obj: c.transcript.wire.check},
		"client.sendmode":    {obj: c.sendMode, choices: sendModeChoices()},
		"server.sendmode":    {obj: s.sendMode, choices: sendModeChoices()},

		// Saved messages (saved_view.go); client.saved.N is row N's send
		// button, from 1.
		"client.saved.name":   {obj: c.saved.name},
		"client.saved.save":   {obj: c.saved.save},
		"client.saved.times":  {obj: c.saved.times},
		"client.saved.every":  {obj: c.saved.every},
		"client.saved.stop":   {obj: c.saved.stop},
		"client.saved.status": {obj: c.saved.status},

		"lessons.clear": {obj: m.lessons.clearButton},

		// Checking a student's server (Client tab) and clients (Server tab).
		"check.server":   {obj: c.serverButton},
		"check.clients":  {obj: s.checkClients},
		"check.verdicts": {obj: s.verdictsButton},
	}
	// Document settings' editors (the rules demo's rules):
	// server.setting.rules.rules, its .check and .status.
	for id, ed := range s.settings.docs {
		t["server.setting."+id] = shotsTarget{obj: ed.entry}
		t["server.setting."+id+".check"] = shotsTarget{obj: ed.check}
		t["server.setting."+id+".status"] = shotsTarget{obj: ed.status}
	}
	// The "Check this server" dialog's widgets, while it is open.
	if sc := c.serverCheck; sc != nil {
		t["check.status"] = shotsTarget{obj: sc.view.status}
		t["check.again"] = shotsTarget{obj: sc.again}
		t["check.export"] = shotsTarget{obj: sc.export}
		t["check.close"] = shotsTarget{obj: sc.close}
	}
	for i, b := range c.saved.sendButtons() {
		t["client.saved."+strconv.Itoa(i+1)] = shotsTarget{obj: b}
	}
	if p, ok := c.panels["guess"].(*guessPanel); ok {
		// A button is named by its number, whatever the range.
		for _, b := range p.numbers {
			t["client.guess."+b.Text] = shotsTarget{obj: b}
		}
		t["client.guess.low"] = shotsTarget{obj: p.low}
		t["client.guess.high"] = shotsTarget{obj: p.high}
		t["client.guess.reply"] = shotsTarget{obj: p.reply}
		// How many replies the history holds: it grows by one per reply,
		// which tells the script a reply came even when it reads as the
		// one before.
		t["client.guess.history"] = shotsTarget{obj: p.history.list, read: func() string { return strconv.Itoa(len(p.history.lines)) }}
	}
	if p, ok := c.panels["calc"].(*calcPanel); ok {
		t["client.calc.expr"] = shotsTarget{obj: p.expr}
		t["client.calc.last"] = shotsTarget{obj: p.last}
		for key, b := range p.keys {
			t["client.calc.key."+key] = shotsTarget{obj: b}
		}
	}
	if p, ok := c.panels["mancala"].(*mancalaPanel); ok {
		for i, b := range p.yours {
			t["client.mancala.pit"+strconv.Itoa(i+1)] = shotsTarget{obj: b}
		}
		t["client.mancala.status"] = shotsTarget{obj: p.status.Label}
	}
	return t
}

// sendModeChoices name the send boxes' modes as netcore.RawMode does, to
// their labels in the language of the screenshots.
func sendModeChoices() map[string]string {
	choices := map[string]string{}
	for _, m := range netcore.RawModes {
		choices[m.String()] = sendModeLabel(m)
	}
	return choices
}

// shotsDemoNames are the demos whose panels shotsTargets knows; the test
// checks every one of them resolves.
var shotsDemoNames = []string{"guess", "calc", "mancala"}

// Make sure the panel names above are demos: a renamed demo fails here
// rather than in a screenshot run.
func init() {
	for _, n := range shotsDemoNames {
		if _, ok := demos.Lookup(n); !ok {
			panic("screenshots hook: no demo " + n)
		}
	}
}

// splitHolding is the split with child as one side, found under root; nil
// (a nil interface, which the commands report) if there is none.
func splitHolding(root, child fyne.CanvasObject) fyne.CanvasObject {
	var found fyne.CanvasObject
	walkShots(root, func(o fyne.CanvasObject) {
		if s, ok := o.(*container.Split); ok && found == nil && (s.Leading == child || s.Trailing == child) {
			found = s
		}
	})
	return found
}

// walkShots visits o and everything inside it that the tabs and dialogs
// are made of: containers, splits, theme overrides, cards, scrolls and
// pop-ups (other widgets' insides belong to their renderers).
func walkShots(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	visit(o)
	switch c := o.(type) {
	case *fyne.Container:
		for _, k := range c.Objects {
			walkShots(k, visit)
		}
	case *container.Split:
		walkShots(c.Leading, visit)
		walkShots(c.Trailing, visit)
	case *container.ThemeOverride:
		walkShots(c.Content, visit)
	case *container.Scroll:
		walkShots(c.Content, visit)
	case *widget.Card:
		walkShots(c.Content, visit)
	case *widget.PopUp:
		walkShots(c.Content, visit)
	default:
		// Fyne puts a pop-up on the canvas inside an internal overlay
		// type, which has a Content field too.
		if v := reflect.ValueOf(o); v.Kind() == reflect.Pointer && v.Elem().Kind() == reflect.Struct {
			if f := v.Elem().FieldByName("Content"); f.IsValid() && f.CanInterface() {
				if content, ok := f.Interface().(fyne.CanvasObject); ok {
					walkShots(content, visit)
				}
			}
		}
	}
}

// sortedKeys lists a map's names for error messages.
func sortedKeys[V any](m map[string]V) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return strings.Join(keys, " ")
}
