// Search suggestions as you type, from our own catalogue (/api/autocomplete). Progressive
// enhancement: without this script the search form works the same. WAI-ARIA combobox pattern
// (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/examples/combobox-autocomplete-list/).
// Names come from crowd-sourced data: the list is built with textContent, never innerHTML.
(() => {
  const DELAY_MS = 200;
  let counter = 0;

  function enhance(input) {
    const endpoint = input.dataset.autocomplete;
    const form = input.form;
    if (!endpoint || !form) return;
    counter += 1;
    const listId = `suggestions-${counter}`;
    const list = document.createElement('ul');
    list.id = listId;
    list.className = 'autocomplete-list list-unstyled';
    list.setAttribute('role', 'listbox');
    list.hidden = true;
    const status = document.createElement('div');
    status.className = 'visually-hidden';
    status.setAttribute('role', 'status');
    input.after(list, status);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', listId);

    let timer = null;
    let controller = null;
    let active = -1;

    const options = () => Array.from(list.children);
    function close() {
      list.hidden = true;
      list.replaceChildren();
      active = -1;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
    }
    function highlight(index) {
      const items = options();
      if (items.length === 0) return;
      active = (index + items.length) % items.length;
      items.forEach((item, i) => {
        item.setAttribute('aria-selected', String(i === active));
      });
      input.setAttribute('aria-activedescendant', items[active].id);
    }
    function choose(name) {
      input.value = name;
      close();
      form.requestSubmit();
    }
    function show(query, suggestions) {
      if (input.value.trim() !== query) return;
      list.replaceChildren();
      active = -1;
      suggestions.forEach(({ name, brand }, i) => {
        const item = document.createElement('li');
        item.id = `${listId}-${i}`;
        item.setAttribute('role', 'option');
        item.setAttribute('aria-selected', 'false');
        item.dataset.name = name;
        item.textContent = name;
        if (brand) {
          const brandLabel = document.createElement('span');
          brandLabel.className = 'autocomplete-brand';
          brandLabel.textContent = ` · ${brand}`;
          item.append(brandLabel);
        }
        // mousedown, not click: it fires before the input loses focus.
        item.addEventListener('mousedown', (event) => {
          event.preventDefault();
          choose(name);
        });
        list.append(item);
      });
      const open = suggestions.length > 0;
      list.hidden = !open;
      input.setAttribute('aria-expanded', String(open));
      status.textContent = open
        ? `${suggestions.length} suggestion${suggestions.length > 1 ? 's' : ''} : flèches haut et bas pour choisir`
        : '';
    }
    async function fetchSuggestions() {
      const query = input.value.trim();
      if (query.length < 2) return close();
      controller?.abort();
      controller = new AbortController();
      try {
        const response = await fetch(`${endpoint}?q=${encodeURIComponent(query)}`, {
          signal: controller.signal,
          headers: { accept: 'application/json' },
        });
        if (!response.ok) return close();
        const body = await response.json();
        const suggestions = Array.isArray(body.suggestions) ? body.suggestions : [];
        show(
          query,
          suggestions.map((suggestion) => ({
            name: String(suggestion?.name ?? ''),
            brand: suggestion?.brand ? String(suggestion.brand) : null,
          })),
        );
      } catch {
        // Aborted by a newer keystroke, or offline: the plain form still works.
      }
    }

    input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, DELAY_MS);
    });
    input.addEventListener('keydown', (event) => {
      if (list.hidden) return;
      if (event.key === 'ArrowDown') {
        event.preventDefault();
        highlight(active + 1);
      } else if (event.key === 'ArrowUp') {
        event.preventDefault();
        highlight(active - 1);
      } else if (event.key === 'Enter' && active >= 0) {
        event.preventDefault();
        choose(options()[active].dataset.name ?? '');
      } else if (event.key === 'Escape') {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener('blur', () => setTimeout(close, 100));
  }

  for (const input of document.querySelectorAll('input[data-autocomplete]')) enhance(input);
})();
