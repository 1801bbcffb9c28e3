// Camera barcode scan (issue 16): a "Scanner" button beside each search form, added only where the
// browser offers a camera. Progressive enhancement: without this script, or without a camera, the
// search form is unchanged (a barcode can still be typed). The code found is submitted through the
// search form, so it goes where a typed barcode goes (/recherche → /produit/<code>).
// Decoding: the browser's own BarcodeDetector (Shape Detection API) where it reads our formats,
// else the barcode-detector package's ponyfill (ZXing compiled to WebAssembly), fetched from our
// own /static/vendor/ only when the button is pressed. Texts come from the form's data-scanner
// (src/web/strings.fr.ts).
(() => {
  const FORMATS = ['ean_13', 'ean_8', 'upc_a'];
  const PONYFILL = '/static/vendor/barcode-detector/ponyfill.js';
  const WASM = '/static/vendor/zxing/zxing_reader.wasm';
  const getUserMedia = navigator.mediaDevices?.getUserMedia;
  if (typeof getUserMedia !== 'function') return;

  let detectorPromise = null;

  function loadScript(src) {
    return new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = src;
      script.onload = resolve;
      script.onerror = () => reject(new Error(`${src} did not load`));
      document.head.append(script);
    });
  }

  async function createDetector() {
    const Native = globalThis.BarcodeDetector;
    if (typeof Native === 'function') {
      try {
        const supported = await Native.getSupportedFormats();
        if (FORMATS.every((format) => supported.includes(format))) return new Native({ formats: FORMATS });
      } catch {
        // A detector that cannot list its formats: use ours.
      }
    }
    if (globalThis.BarcodeDetectionAPI === undefined) await loadScript(PONYFILL);
    const api = globalThis.BarcodeDetectionAPI;
    api.prepareZXingModule({
      overrides: { locateFile: (path, prefix) => (path.endsWith('.wasm') ? WASM : prefix + path) },
    });
    return new api.BarcodeDetector({ formats: FORMATS });
  }

  /** Digits of a retail barcode: EAN-8, UPC-A (12) or EAN-13. */
  function toCode(barcodes) {
    for (const barcode of barcodes) {
      const value = String(barcode.rawValue ?? '').trim();
      if (FORMATS.includes(barcode.format) && /^(\d{8}|\d{12,13})$/.test(value)) return value;
    }
    return null;
  }

  function enhance(form) {
    const input = form.querySelector('input[name="q"]');
    const submit = form.querySelector('button[type="submit"]');
    if (input === null || submit === null) return;
    let texts;
    try {
      texts = JSON.parse(form.dataset.scanner ?? '');
    } catch {
      return;
    }

    const button = document.createElement('button');
    button.type = 'button';
    button.className = submit.className;
    button.textContent = texts.open;
    // Starts with the visible text (WCAG 2.5.3, label in name).
    button.setAttribute('aria-label', texts.openLabel);
    submit.after(button);

    const dialog = document.createElement('dialog');
    dialog.className = 'scanner';
    const titleId = `scanner-title-${document.querySelectorAll('dialog.scanner').length + 1}`;
    dialog.setAttribute('aria-labelledby', titleId);
    const title = document.createElement('h2');
    title.id = titleId;
    title.className = 'h5';
    title.textContent = texts.title;
    const video = document.createElement('video');
    video.muted = true;
    video.playsInline = true;
    video.setAttribute('aria-hidden', 'true');
    const status = document.createElement('p');
    status.setAttribute('role', 'status');
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'btn btn-outline-dark';
    close.textContent = texts.close;
    dialog.append(title, video, status, close);
    document.body.append(dialog);

    let stream = null;
    let session = 0;

    function stopCamera() {
      session += 1;
      for (const track of stream?.getTracks() ?? []) track.stop();
      stream = null;
      video.srcObject = null;
    }

    async function scan(current, detector) {
      while (current === session) {
        if (video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA) {
          const code = toCode(await detector.detect(video));
          if (code !== null && current === session) {
            status.textContent = texts.found.replace('{code}', code);
            stopCamera();
            input.value = code;
            form.requestSubmit();
            return;
          }
        }
        await new Promise((resolve) => requestAnimationFrame(resolve));
      }
    }

    async function start() {
      const current = ++session;
      status.textContent = texts.starting;
      dialog.showModal();
      detectorPromise ??= createDetector().catch((error) => {
        detectorPromise = null;
        throw error;
      });
      let detector;
      try {
        detector = await detectorPromise;
      } catch {
        if (current === session) status.textContent = texts.unsupported;
        return;
      }
      let media;
      try {
        media = await navigator.mediaDevices.getUserMedia({
          video: { facingMode: 'environment' },
          audio: false,
        });
      } catch {
        if (current === session) status.textContent = texts.unavailable;
        return;
      }
      if (current !== session) {
        for (const track of media.getTracks()) track.stop();
        return;
      }
      stream = media;
      video.srcObject = media;
      try {
        await video.play();
        status.textContent = texts.looking;
        await scan(current, detector);
      } catch {
        if (current === session) status.textContent = texts.unavailable;
        stopCamera();
      }
    }

    button.addEventListener('click', () => {
      start();
    });
    close.addEventListener('click', () => dialog.close());
    // Escape, the close button, or leaving the page: the camera goes off.
    dialog.addEventListener('close', stopCamera);
    window.addEventListener('pagehide', stopCamera);
  }

  for (const form of document.querySelectorAll('form[data-scanner]')) enhance(form);
})();
