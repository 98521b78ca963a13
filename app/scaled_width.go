package app

import "fyne.io/fyne/v2"

// scaledWidth lays its objects over each other, at least width units wide
// at Normal text size and proportionally wider at a larger one
// (textsize.go), so a field sized for its content (a port's five digits,
// an IP address) still shows it when the text grows. A GridWrap's fixed
// size would clip it.
type scaledWidth struct{ width float32 }

func newScaledWidth(width float32, o fyne.CanvasObject) *fyne.Container {
	return &fyne.Container{Layout: scaledWidth{width}, Objects: []fyne.CanvasObject{o}}
}

func (l scaledWidth) MinSize(objects []fyne.CanvasObject) fyne.Size {
	min := fyne.NewSize(l.width*appTextScale(), 0)
	for _, o := range objects {
		min = min.Max(o.MinSize())
	}
	return min
}

func (l scaledWidth) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.Position{})
		o.Resize(size)
	}
}
