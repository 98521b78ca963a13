package app

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Layouts and small widget helpers the tabs share.

// columnsLayout lays children out in one row: every column has a fixed
// width except one that takes what is left, so rows line up with a header
// row that uses the same layout.
type columnsLayout struct {
	widths []float32
	fill   int
}

// newColumnsLayout makes a layout with the given column widths; column fill
// stretches (its width is its minimum).
func newColumnsLayout(fill int, widths ...float32) *columnsLayout {
	return &columnsLayout{widths: widths, fill: fill}
}

func (c *columnsLayout) gap() float32 { return theme.Padding() }

func (c *columnsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	fixed := float32(0)
	for i, w := range c.widths {
		if i != c.fill {
			fixed += w
		}
	}
	gaps := c.gap() * float32(len(c.widths)-1)
	fillW := max(size.Width-fixed-gaps, c.widths[c.fill])
	x := float32(0)
	for i, o := range objs {
		if i >= len(c.widths) {
			o.Hide()
			continue
		}
		w := c.widths[i]
		if i == c.fill {
			w = fillW
		}
		h := o.MinSize().Height
		o.Move(fyne.NewPos(x, (size.Height-h)/2))
		o.Resize(fyne.NewSize(w, h))
		x += w + c.gap()
	}
}

func (c *columnsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	w := c.gap() * float32(len(c.widths)-1)
	for _, cw := range c.widths {
		w += cw
	}
	h := float32(0)
	for i, o := range objs {
		if i < len(c.widths) && o.Visible() {
			h = max(h, o.MinSize().Height)
		}
	}
	return fyne.NewSize(w, h)
}

// textWidth is the width a label needs to show sample in full.
func textWidth(sample string, style fyne.TextStyle, innerPadding float32) float32 {
	return fyne.MeasureText(sample, theme.TextSize(), style).Width + 2*innerPadding + 2
}

// tightVBox stacks the visible objects with no gap, so a row's two lines
// read as one entry and rows stay apart.
type tightVBox struct{}

func (tightVBox) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h
	}
}

func (tightVBox) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		s.Width = max(s.Width, m.Width)
		s.Height += m.Height
	}
	return s
}

// tallObject gives obj at least the given height, for buttons that should
// be easy targets.
func tallObject(obj fyne.CanvasObject, height float32) fyne.CanvasObject {
	spacer := canvas.NewRectangle(color.Transparent)
	spacer.SetMinSize(fyne.NewSize(0, height))
	return container.NewStack(spacer, obj)
}

// newSpacer is empty space of at least the given size, to line up
// columns or keep room.
func newSpacer(width, height float32) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(width, height))
	return r
}

// setLabel changes a recycled label only when something differs, because a
// refresh re-measures the text.
func setLabel(lb *widget.Label, text string, imp widget.Importance) {
	setLabelStyled(lb, text, imp, lb.TextStyle)
}

// setLabelStyled is setLabel that also sets the text style.
func setLabelStyled(lb *widget.Label, text string, imp widget.Importance, style fyne.TextStyle) {
	if lb.Text == text && lb.Importance == imp && lb.TextStyle == style {
		return
	}
	lb.Text, lb.Importance, lb.TextStyle = text, imp, style
	lb.Refresh()
}

// cappedHeight shows obj in a vertical scroll that asks for at most maxH:
// a long text (a demo's description) takes the room it needs on a large
// screen, and scrolls rather than pushing the rest off a small one.
func cappedHeight(obj fyne.CanvasObject, maxH float32) fyne.CanvasObject {
	return container.New(&cappedLayout{obj: obj, maxH: maxH}, container.NewVScroll(obj))
}

type cappedLayout struct {
	obj  fyne.CanvasObject
	maxH float32
}

func (c *cappedLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (c *cappedLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	m := c.obj.MinSize()
	return fyne.NewSize(m.Width, min(m.Height, c.maxH))
}

// squeezeTop puts top above rest: top gets the height it needs while rest
// keeps its minimum, and on a screen too short for both it gives up height
// down to minTop and scrolls (the Server tab's banner above the clients
// and the log). Unlike a Border, its minimum height is minTop, not all of
// top.
func squeezeTop(top, rest fyne.CanvasObject, minTop float32) fyne.CanvasObject {
	l := &squeezeLayout{top: top, rest: rest, minTop: minTop}
	return container.New(l, container.NewVScroll(top), rest)
}

type squeezeLayout struct {
	top, rest fyne.CanvasObject
	minTop    float32
}

func (s *squeezeLayout) topHeight(size fyne.Size) float32 {
	// The top's wrapped labels measure at the width they get.
	want := s.top.MinSize().Height
	return max(min(want, size.Height-s.rest.MinSize().Height), min(want, s.minTop))
}

func (s *squeezeLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	h := s.topHeight(size)
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(fyne.NewSize(size.Width, h))
	objs[1].Move(fyne.NewPos(0, h))
	objs[1].Resize(fyne.NewSize(size.Width, size.Height-h))
}

func (s *squeezeLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	t, r := s.top.MinSize(), s.rest.MinSize()
	return fyne.NewSize(max(t.Width, r.Width), min(t.Height, s.minTop)+r.Height)
}

// preferTop gives a vertical split's top (the Server tab's clients list)
// want or share of the height, whichever is more, where the window allows:
// the split itself keeps both sides' minimums. Once the divider is moved
// (by the user or the screenshots hook) the split keeps that offset.
func preferTop(split *container.Split, want, share float32) fyne.CanvasObject {
	p := &preferLayout{split: split, want: want, share: share, set: split.Offset}
	return container.New(p, split)
}

type preferLayout struct {
	split       *container.Split
	want, share float32
	set         float64 // the offset last set here; another was dragged
}

func (p *preferLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	if p.split.Offset == p.set && size.Height > 0 {
		// The divider takes a little of the height the offset shares.
		want := p.want + 2*theme.Padding()
		off := float64(max(want/size.Height, p.share))
		p.split.Offset, p.set = min(off, 1), min(off, 1)
	}
	p.split.Move(fyne.NewPos(0, 0))
	p.split.Resize(size)
	p.split.Refresh()
}

func (p *preferLayout) MinSize([]fyne.CanvasObject) fyne.Size { return p.split.MinSize() }

// statusLines is how many lines a status under fixed buttons has room for.
const statusLines = 2

// linesHeight is how tall a plain label of n lines is.
func linesHeight(n int) float32 {
	return widget.NewLabel(strings.Repeat("\n", max(n-1, 0))).MinSize().Height
}
