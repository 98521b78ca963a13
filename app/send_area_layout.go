package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// sendAreaLayout puts the transcript above the send box and its saved
// messages. The send row always gets its height; the saved messages get
// theirs only where the transcript keeps transcriptRoom more than its
// minimum, and scroll in what is left on a short screen. So they add
// nothing to the window's minimum size (window_fit_test.go), and while a
// panel has its own message box (chat) the transcript takes it all.
type sendAreaLayout struct {
	transcript fyne.CanvasObject
	bar        *fyne.Container   // the send row above the saved messages' scroll
	sendRow    fyne.CanvasObject // in bar
	saved      fyne.CanvasObject // the saved messages, unscrolled: what they want
}

// transcriptRoom is what the transcript keeps above its minimum (a few
// rows) before the saved messages take height from it.
const transcriptRoom = 110

func (l *sendAreaLayout) barHeight(h float32) float32 {
	if !l.bar.Visible() {
		return 0
	}
	fixed := l.sendRow.MinSize().Height
	want := l.saved.MinSize().Height + theme.Padding()
	room := h - fixed - l.transcript.MinSize().Height - transcriptRoom
	return fixed + max(0, min(want, room))
}

func (l *sendAreaLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	bh := l.barHeight(size.Height)
	l.transcript.Move(fyne.NewPos(0, 0))
	l.transcript.Resize(fyne.NewSize(size.Width, size.Height-bh))
	l.bar.Move(fyne.NewPos(0, size.Height-bh))
	l.bar.Resize(fyne.NewSize(size.Width, bh))
}

func (l *sendAreaLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	m := l.transcript.MinSize()
	if l.bar.Visible() {
		m.Width = max(m.Width, l.bar.MinSize().Width)
		m.Height += l.sendRow.MinSize().Height
	}
	return m
}
