package app

import (
	"time"

	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/socketlab/socketlab/app/i18n"
)

// followEvery is how often a live list looks whether it still shows its
// newest row: a tab switch or a banner that grew changes the list's height
// without any new row, and the reader's scrolling has no callback.
const followEvery = 250 * time.Millisecond

// follower keeps a live list (the server log, a Lessons column) on its
// newest row while the reader is there, and offers "Newest" once the
// reader scrolled away.
//
// Whether the reader is "there" is decided only when the reader moved the
// list: a list that got shorter (the banner grew) or was hidden (another
// tab) is not at the bottom any more, yet the reader never left it. So the
// follower remembers the offset the list had when it last looked; a
// different offset means the reader scrolled, and only then does
// "at the bottom" decide whether to follow.
type follower struct {
	list     *widget.List
	atBottom func() bool
	toEnd    func() // shows the newest row

	// jump is the "Newest" button, shown while not following.
	jump *widget.Button

	on      bool
	lastOff float32
}

func newFollower(list *widget.List, atBottom func() bool, toEnd func()) *follower {
	f := &follower{list: list, atBottom: atBottom, toEnd: toEnd, on: true}
	f.jump = &widget.Button{Text: i18n.T("views.follow.newest"), Icon: theme.MoveDownIcon(), OnTapped: f.jumpToNewest}
	f.jump.Hide()
	return f
}

// following reports whether new rows should be followed. UI goroutine only.
func (f *follower) following() bool {
	if off := f.list.GetScrollOffset(); off != f.lastOff {
		f.lastOff = off
		f.on = f.atBottom()
	}
	return f.on
}

// settled records where the list is after the view itself moved or
// refreshed it, so that move is not taken for the reader's.
func (f *follower) settled() {
	f.lastOff = f.list.GetScrollOffset()
	if f.on {
		f.jump.Hide()
	} else {
		f.jump.Show()
	}
}

// check brings a followed list back to its newest row when its height
// changed under it, and shows or hides "Newest". Run every followEvery.
func (f *follower) check() {
	if f.following() && !f.atBottom() {
		f.toEnd()
	}
	f.settled()
}

// jumpToNewest shows the newest row and follows again.
func (f *follower) jumpToNewest() {
	f.on = true
	f.toEnd()
	f.settled()
}

// reset follows again, e.g. after the list was cleared.
func (f *follower) reset() {
	f.on = true
	f.settled()
}
