package app

import (
	"strconv"
	"sync"
	"time"

	"github.com/socketlab/socketlab/netcore/timeline"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/socketlab/socketlab/netcore"

	"github.com/socketlab/socketlab/app/i18n"
)

// The Lessons tab retells what the server and the client of this app do as
// the socket calls the lessons' Python programs make, side by side, so a
// student sees accept() return the moment the client's connect() happens.
// A call that blocks (accept waiting for a client, recvfrom waiting for a
// datagram) stays marked as waiting until the next call on its side.

const (
	// lessonsKeep is how many calls each column keeps; older ones are
	// forgotten so a chatty demo costs bounded memory.
	lessonsKeep = 1000
)

// lessonsIntro is the explanation at the top of the tab; it names the
// waiting mark (lessonsWaiting) in the same words.
func lessonsIntro() string { return i18n.T("views.lessons.intro") }

// lessonsWaiting marks a call that is blocked now.
func lessonsWaiting() string { return i18n.T("views.lessons.waiting") }

// callColumn is one side's list of calls.
type callColumn struct {
	content fyne.CanvasObject

	// Events stamped with their Since, not yet turned into calls: only the
	// newest are, when the tab is shown (build), so an echo at loopback
	// speed costs a struct copy per event instead of two formatted calls
	// (14 % of the app's CPU under the echo load, docs/benchmarks.md).
	pending *backlog[stampedEvent]

	// UI goroutine only.
	ring      ring[timeline.Call]
	list      *widget.List
	empty     *widget.Label // shown while there is no call yet
	rowHeight float32
	follow    *follower
}

// lessonsFeed is the Lessons tab and the hub that feeds it. ServerEvent and
// ClientEvent are safe from any goroutine; calls reach the screen when the
// pump flushes the tab.
type lessonsFeed struct {
	content fyne.CanvasObject
	slot    *uiSlot

	// mu keeps the timeline and the order calls are added in.
	mu       sync.Mutex
	timeline *timeline.Timeline

	server, client *callColumn
	clearButton    *widget.Button

	// shown tells whether the tab is on screen (UI goroutine; nil: always).
	// While it is not, calls wait as events, bounded, and are built when
	// it is selected (mainTabs marks the feed dirty then).
	shown func() bool
}

// stampedEvent is an event waiting to become calls, with the time since the
// previous call on its side (timeline.Stamp, taken as it came).
type stampedEvent struct {
	e     netcore.Event
	since time.Duration
}

// newLessonsFeed builds the tab, flushed by pump.
func newLessonsFeed(pump *uiPump) *lessonsFeed {
	f := &lessonsFeed{timeline: timeline.New()}
	f.server = newCallColumn(i18n.T("views.lessons.server.empty"))
	f.client = newCallColumn(i18n.T("views.lessons.client.empty"))
	f.content = f.build()
	f.slot = pump.register(f.Flush, 0)
	pump.register(func() {
		f.server.follow.check()
		f.client.follow.check()
	}, followEvery)
	return f
}

func (f *lessonsFeed) build() fyne.CanvasObject {
	intro := &widget.Label{Text: lessonsIntro(), Wrapping: fyne.TextWrapWord}
	f.clearButton = &widget.Button{Text: i18n.T("views.clear"), Icon: theme.DeleteIcon(), OnTapped: f.Clear}
	top := container.NewBorder(nil, nil, nil, container.NewCenter(f.clearButton), intro)

	titled := func(title string, col *callColumn) fyne.CanvasObject {
		heading := &widget.Label{Text: title, TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}
		return container.NewBorder(container.NewBorder(nil, nil, nil, col.follow.jump, heading), nil, nil, nil, col.content)
	}
	split := container.NewHSplit(titled(i18n.T("views.lessons.server.title"), f.server), titled(i18n.T("views.lessons.client.title"), f.client))
	split.Offset = 0.5
	return container.NewPadded(container.NewBorder(container.NewVBox(top, widget.NewSeparator()), nil, nil, nil, split))
}

func newCallColumn(emptyText string) *callColumn {
	// An event stands for one call or more: lessonsKeep events fill the ring.
	c := &callColumn{pending: newBacklog[stampedEvent](lessonsKeep), ring: newRing[timeline.Call](lessonsKeep)}
	c.list = &widget.List{
		Length:     c.ring.len,
		CreateItem: newCallRowItem,
		UpdateItem: c.updateItem,
		// Rows shift as calls arrive: selecting one would select another.
		OnSelected: func(id widget.ListItemID) { c.list.Unselect(id) },
	}
	c.list.ExtendBaseWidget(c.list)
	c.follow = newFollower(c.list, c.atBottom, c.list.ScrollToBottom)
	c.empty = &widget.Label{Text: emptyText, Alignment: fyne.TextAlignCenter, Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Italic: true}}
	// Compact rows fit more calls; the theme's readable status colours
	// keep waiting rows legible on the light theme.
	list := newSteadyTheme(c.list, compactTheme())
	c.content = container.NewStack(list, container.NewCenter(c.empty))
	return c
}

// A call row has two lines, because half a window is too narrow for the
// time, the call and what it returned on one: the call's name and the call
// itself in monospace (it is code), and under the call, small, when it
// happened and how long after the previous call on its side.
//
//	accept()  conn1, addr = s.accept() → ('127.0.0.1', 51234)
//	          12:03:04.120   +0.8 s

// callColumns sizes a call row: the name, then the rest.
func callColumns() *columnsLayout {
	return newColumnsLayout(1,
		textWidth("recvfrom()", fyne.TextStyle{Bold: true}, compactInnerPadding),
		textWidth("text", fyne.TextStyle{}, compactInnerPadding),
	)
}

// callRow is the widgets of one row.
type callRow struct {
	name, text, when *widget.Label
}

func newCallRowItem() fyne.CanvasObject {
	r := callRow{
		name: &widget.Label{TextStyle: fyne.TextStyle{Bold: true}},
		text: &widget.Label{TextStyle: fyne.TextStyle{Monospace: true}, Truncation: fyne.TextTruncateEllipsis},
		when: &widget.Label{SizeName: theme.SizeNameCaptionText},
	}
	// The name sits on the first line, level with the call.
	name := container.NewBorder(r.name, nil, nil, nil)
	return container.New(callColumns(), name, container.New(tightVBox{}, r.text, r.when))
}

// callRowOf finds the labels of a row made by newCallRowItem.
func callRowOf(item fyne.CanvasObject) callRow {
	cells := item.(*fyne.Container).Objects
	lines := cells[1].(*fyne.Container).Objects
	return callRow{
		name: cells[0].(*fyne.Container).Objects[0].(*widget.Label),
		text: lines[0].(*widget.Label),
		when: lines[1].(*widget.Label),
	}
}

func (c *callColumn) updateItem(id widget.ListItemID, item fyne.CanvasObject) {
	if id < 0 || id >= c.ring.len() {
		return
	}
	call := c.ring.at(id)
	r := callRowOf(item)
	imp, italic := widget.MediumImportance, false
	when := call.Time.Format(logTimeFormat)
	if since := formatSince(call.Since); since != "" {
		when += "   " + since
	}
	if c.waiting(id) {
		// Blocked now: in italics and the warning colour, and said in
		// words for whoever does not see the colour.
		imp, italic = widget.WarningImportance, true
		when += "   " + lessonsWaiting()
	}
	setLabelStyled(r.name, call.Name+"()", imp, fyne.TextStyle{Bold: true, Italic: italic})
	// Not italic: themes need not have an italic monospace font.
	setLabelStyled(r.text, call.Text, imp, fyne.TextStyle{Monospace: true})
	setLabelStyled(r.when, when, imp, fyne.TextStyle{Italic: italic})
}

// waiting reports whether call id is still blocked: it blocks and nothing
// happened on its side since.
func (c *callColumn) waiting(id int) bool {
	return c.ring.at(id).Blocks && id == c.ring.len()-1
}

// formatSince writes the time since the previous call: "+0.8 s", "+12 s",
// "+3 min"; nothing for the first call.
func formatSince(d time.Duration) string {
	switch {
	case d <= 0:
		return ""
	case d < 10*time.Second:
		return "+" + strconv.FormatFloat(d.Seconds(), 'f', 1, 64) + " s"
	case d < 100*time.Second:
		return "+" + strconv.Itoa(int(d.Seconds())) + " s"
	}
	return "+" + strconv.Itoa(int(d.Minutes())) + " min"
}

// ServerEvent adds the calls a server event stands for. Safe from any
// goroutine; never touches widgets.
func (f *lessonsFeed) ServerEvent(e netcore.Event) { f.add(timeline.ServerSide, e) }

// ClientEvent adds the calls a client event stands for. Safe from any
// goroutine; never touches widgets.
func (f *lessonsFeed) ClientEvent(e netcore.Event) { f.add(timeline.ClientSide, e) }

func (f *lessonsFeed) add(side timeline.Side, e netcore.Event) {
	col := f.server
	if side == timeline.ClientSide {
		col = f.client
	}
	f.mu.Lock()
	col.pending.add(stampedEvent{e, f.timeline.Stamp(side, e)})
	f.mu.Unlock()
	f.slot.markDirty()
}

// Flush moves waiting calls onto the screen now (UI goroutine), if the tab
// is shown; otherwise they wait.
func (f *lessonsFeed) Flush() {
	if f.shown != nil && !f.shown() {
		return
	}
	f.mu.Lock()
	server, _ := f.server.pending.take()
	client, _ := f.client.pending.take()
	f.mu.Unlock()
	f.server.showEvents(timeline.ServerSide, server)
	f.client.showEvents(timeline.ClientSide, client)
}

// showEvents builds the calls of the newest events, as many as the column
// keeps, and shows them; the events' slice goes back to pending.
func (c *callColumn) showEvents(side timeline.Side, events []stampedEvent) {
	if len(events) == 0 {
		return
	}
	// Newest first, until the ring would be full; then put back in order.
	var byEvent [][]timeline.Call
	n := 0
	for i := len(events) - 1; i >= 0 && n < lessonsKeep; i-- {
		calls := timeline.Build(side, events[i].e, events[i].since)
		byEvent = append(byEvent, calls)
		n += len(calls)
	}
	c.pending.reuse(events)
	calls := make([]timeline.Call, 0, n)
	for i := len(byEvent) - 1; i >= 0; i-- {
		calls = append(calls, byEvent[i]...)
	}
	c.show(calls)
}

// show adds calls to the column, following the newest call unless the
// student scrolled up to read older ones.
func (c *callColumn) show(calls []timeline.Call) {
	if len(calls) == 0 {
		return
	}
	follow := c.follow.following()
	for _, call := range calls {
		c.ring.push(call)
	}
	c.empty.Hide()
	// The refresh also redraws the row that was waiting: it now reads as
	// history.
	c.list.Refresh()
	if follow {
		c.list.ScrollToBottom()
	}
	c.follow.settled()
}

func (c *callColumn) atBottom() bool {
	h := c.list.Size().Height
	n := c.ring.len()
	if h <= 0 || n == 0 {
		return true
	}
	sep := c.list.Theme().Size(theme.SizeNamePadding)
	content := float32(n)*(c.itemHeight()+sep) - sep
	return c.list.GetScrollOffset()+h >= content-c.itemHeight()/2
}

func (c *callColumn) itemHeight() float32 {
	if c.rowHeight == 0 {
		item := newCallRowItem()
		o := newSteadyTheme(item, compactTheme())
		o.Refresh()
		c.rowHeight = item.MinSize().Height
	}
	return c.rowHeight
}

// clear empties the column (UI goroutine; pending is cleared by Clear).
func (c *callColumn) clear() {
	c.ring.clear()
	// The server or client may still be running: the placeholder no
	// longer tells the student to start one.
	c.empty.SetText(i18n.T("views.lessons.cleared"))
	c.empty.Show()
	c.list.ScrollToTop()
	c.list.Refresh()
	c.follow.reset()
}

// Clear forgets every call, including calls not yet shown, and starts the
// timeline afresh so the first new call has no "since".
func (f *lessonsFeed) Clear() {
	f.mu.Lock()
	f.timeline = timeline.New()
	f.server.pending.reset()
	f.client.pending.reset()
	f.mu.Unlock()
	f.server.clear()
	f.client.clear()
}
