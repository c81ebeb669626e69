package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// errNoChrome is the error of printing a PDF on a machine without
// Chromium or Google Chrome; its message tells a person what to do.
var errNoChrome = errors.New("printing the report as a PDF needs Chromium or Google Chrome, and neither was found on this computer: " +
	"install one of them (or set CSAT_CHROME to the browser's program), " +
	"or write the HTML report instead, open it in a browser and print it to PDF from there")

// pdfChromeNames are the programs looked for on PATH, in order.
var pdfChromeNames = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"}

// pdfChromePlaces are where Chrome is installed by default on macOS and
// Windows, where it is seldom on PATH; Microsoft Edge, a Chromium,
// comes with Windows.
func pdfChromePlaces() []string {
	switch runtime.GOOS {
	case "darwin":
		return []string{
			"/Applications/Chromium.app/Contents/MacOS/Chromium",
			"/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
		}
	case "windows":
		var places []string
		for _, root := range []string{os.Getenv("ProgramFiles"), os.Getenv("ProgramFiles(x86)"), os.Getenv("LocalAppData")} {
			if root != "" {
				places = append(places,
					filepath.Join(root, `Google\Chrome\Application\chrome.exe`),
					filepath.Join(root, `Chromium\Application\chrome.exe`),
					filepath.Join(root, `Microsoft\Edge\Application\msedge.exe`))
			}
		}
		return places
	}
	return nil
}

// findChrome returns the browser that prints PDFs: $CSAT_CHROME, else
// $CHROME_PATH, else the first of pdfChromeNames on PATH, else one at
// pdfChromePlaces. A browser named in CSAT_CHROME or CHROME_PATH that is
// not there is an error, not a reason to look further.
func findChrome() (string, error) {
	for _, env := range []string{"CSAT_CHROME", "CHROME_PATH"} {
		p := os.Getenv(env)
		if p == "" {
			continue
		}
		if found, err := exec.LookPath(p); err == nil {
			return found, nil
		}
		return "", fmt.Errorf("%s is set to %s, which is not a program on this computer: %w", env, p, errNoChrome)
	}
	for _, name := range pdfChromeNames {
		if found, err := exec.LookPath(name); err == nil {
			return found, nil
		}
	}
	for _, p := range pdfChromePlaces() {
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p, nil
		}
	}
	return "", fmt.Errorf("%w (looked for %s)", errNoChrome, strings.Join(pdfChromeNames, ", "))
}

// pdfTimeout bounds printing a PDF when the caller's context has no
// deadline: starting the browser, drawing the charts, printing.
const pdfTimeout = 2 * time.Minute

// pdfChartsTimeout bounds the wait for the page's charts to be drawn.
const pdfChartsTimeout = 30 * time.Second

// pdfPrintWidth is the width of an A4 page's printed area in CSS pixels,
// 210 mm less the report's margins of 2×18 mm = 174 mm ≈ 657 px: the
// charts are drawn at that width before printing, so that they fit.
const pdfPrintWidth = 657

// pdfReadyJS tells whether the page is ready to print: loaded, its fonts
// loaded, and each of its charts (the report's .chart boxes) drawn to
// fit the printed width.
const pdfReadyJS = `document.readyState === 'complete' && document.fonts.status === 'loaded' &&
  [...document.querySelectorAll('.chart')].every(el => {
    const s = el.querySelector('svg');
    return s && s.getBoundingClientRect().width <= el.getBoundingClientRect().width + 1;
  })`

// printPDF prints the HTML page html (the report) to an A4 PDF at path
// with Chromium or Google Chrome (see [findChrome]): backgrounds
// printed, the page's print style and @page size followed, no header or
// footer of the browser's own (the report prints its own running head
// and page numbers), its charts drawn first at the printed width. The
// page goes to the browser through its debugging connection, not a
// file; the browser runs headless with a temporary profile, removed
// when it stops. The PDF is written to a temporary file beside path, then
// renamed to path, replacing a file there — whether one may be replaced
// is the caller's decision. Without a browser the error wraps
// errNoChrome; the whole print is bounded by ctx, or by two minutes when
// ctx has no deadline.
func printPDF(ctx context.Context, html []byte, path string) error {
	chrome, err := findChrome()
	if err != nil {
		return err
	}
	pdf, err := renderPDF(ctx, chrome, html)
	if err != nil {
		return err
	}
	return writePDFFile(path, pdf)
}

// renderPDF prints html with the browser chrome and returns the PDF.
func renderPDF(ctx context.Context, chrome string, html []byte) ([]byte, error) {
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, pdfTimeout)
		defer cancel()
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chrome),
		chromedp.Headless,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.DisableGPU,
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(pdfPrintWidth, 1200),
	}
	if os.Geteuid() == 0 { // Chrome refuses to run its sandbox as root
		opts = append(opts, chromedp.NoSandbox)
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx)
	defer cancelBrowser()
	if err := chromedp.Do(bctx); err != nil {
		return nil, fmt.Errorf("could not start the browser %s to print the PDF (write the HTML report instead, open it in a browser and print it to PDF from there): %w", chrome, err)
	}
	if err := chromedp.Do(bctx,
		chromedp.Navigate("about:blank"),
		pdfSetPage(html),
		chromedp.EmulateViewport(pdfPrintWidth, 1200),
		pdfPrintMedia(),
	); err != nil {
		return nil, fmt.Errorf("the browser could not open the report to print it: %w", err)
	}
	if _, err := chromedp.Run(bctx, chromedp.Poll[bool](pdfReadyJS, chromedp.WithPollingTimeout(pdfChartsTimeout))); err != nil {
		return nil, fmt.Errorf("the browser did not finish drawing the report's charts within %v: %w", pdfChartsTimeout, err)
	}
	pdf, err := chromedp.Run(bctx, chromedp.PrintToPDF(
		chromedp.PDFPaper(chromedp.PaperA4),
		chromedp.PDFPreferCSSPageSize(),
		chromedp.PDFPrintBackground(),
		chromedp.PDFOutlineAndTagged(),
		func(p *page.PrintToPDFParams) { no := false; p.DisplayHeaderFooter = &no },
		chromedp.PDFStream(),
	))
	if err != nil {
		return nil, fmt.Errorf("the browser could not print the report to PDF: %w", err)
	}
	return pdf, nil
}

// pdfSetPage replaces the blank page's document with html. The page
// is handed to the browser through its debugging connection, never
// through a file: a browser confined to its own files (Ubuntu's snap
// of Chromium has its own /tmp) loads it all the same.
func pdfSetPage(html []byte) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		tree, err := chromedp.Call(ctx, page.GetFrameTree, cdp.Empty{})
		if err != nil {
			return err
		}
		_, err = chromedp.Call(ctx, page.SetDocumentContent, page.SetDocumentContentParams{FrameID: tree.FrameTree.Frame.ID, HTML: string(html)})
		return err
	})
}

// pdfPrintMedia lays the page out for print, as it will be printed, so
// that its charts are drawn for the printed page.
func pdfPrintMedia() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return err
	})
}

// writePDFFile writes b to path: to a temporary file beside it,
// synced, then renamed to path; on failure the temporary file is
// removed and path left as it was.
func writePDFFile(path string, b []byte) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	name := tmp.Name()
	defer func() {
		if err != nil {
			_ = tmp.Close()     // already failed: the first error is the one told
			_ = os.Remove(name) // the temporary file only
		}
	}()
	if _, err := tmp.Write(b); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Rename(name, path); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
