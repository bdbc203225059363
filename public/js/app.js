// Progressive enhancement only: every page works without this file.
(() => {
  'use strict';

  // Scripts send the session's CSRF token in a header; every page that can write has one in a form.
  const csrfToken = () => document.querySelector('input[name="_csrf"]')?.value ?? '';

  // Ask before destructive actions (forms marked data-confirm).
  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  });

  // "Tisk" buttons: shown only when this script runs, as they need it to open the print dialog.
  for (const button of document.querySelectorAll('button[data-print]')) {
    button.hidden = false;
    button.addEventListener('click', () => window.print());
  }

  // Move focus to the error summary of a rejected form so screen readers announce it.
  const summary = document.querySelector('[data-focus]');
  if (summary instanceof HTMLElement) summary.focus();
  // Its links lead to the fields: put the cursor in the field (a link alone only scrolls to it) and show its label too.
  for (const link of document.querySelectorAll('.error-summary a[href^="#"]')) {
    link.addEventListener('click', (event) => {
      const target = document.getElementById(link.getAttribute('href').slice(1));
      if (!(target instanceof HTMLElement)) return;
      event.preventDefault();
      (target.closest('.field, fieldset') ?? target).scrollIntoView({ block: 'start' });
      // A group of checkboxes is linked by its fieldset: the cursor goes to its first box.
      const control = target.matches('input, select, textarea') ? target : target.querySelector('input, select, textarea');
      (control instanceof HTMLElement ? control : target).focus({ preventScroll: true });
    });
  }

  // Live Markdown preview in the minutes editor.
  const editor = document.querySelector('form[data-preview-url]');
  if (editor instanceof HTMLFormElement) {
    const url = editor.dataset.previewUrl;
    for (const field of editor.querySelectorAll('[data-markdown-field]')) {
      const source = field.querySelector('[data-preview-source]');
      const target = field.querySelector('[data-preview-target]');
      const body = field.querySelector('[data-preview-body]');
      if (!(source instanceof HTMLTextAreaElement) || !(target instanceof HTMLElement) || !body) continue;
      let timer = 0;
      let sent = 0;
      const refresh = async () => {
        const ticket = ++sent;
        if (!source.value.trim()) {
          target.hidden = true;
          return;
        }
        try {
          const response = await fetch(url, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': csrfToken() },
            body: JSON.stringify({ text: source.value }),
            credentials: 'same-origin',
          });
          if (!response.ok || ticket !== sent) return;
          const { html } = await response.json();
          body.innerHTML = html; // sanitised on the server by the same function that renders the minutes
          target.hidden = false;
        } catch {
          // Offline or server busy: the Preview button still works.
        }
      };
      source.addEventListener('input', () => {
        window.clearTimeout(timer);
        timer = window.setTimeout(refresh, 400);
      });
    }
  }

  // Drag and drop to reorder one level of the agenda; the ↑/↓ buttons remain for keyboards.
  for (const list of document.querySelectorAll('ol[data-reorder-url]')) {
    const items = () => [...list.children].filter((li) => li instanceof HTMLLIElement);
    let dragged = null;
    for (const hint of document.querySelectorAll('[data-drag-hint]')) hint.hidden = false;
    for (const li of items()) {
      li.draggable = true;
      const handle = li.querySelector(':scope > .agenda-editor__row > .agenda-editor__handle');
      if (handle instanceof HTMLElement) handle.hidden = false;
      li.addEventListener('dragstart', (event) => {
        event.stopPropagation();
        dragged = li;
        li.classList.add('is-dragging');
        event.dataTransfer.effectAllowed = 'move';
        event.dataTransfer.setData('text/plain', li.dataset.id);
      });
      li.addEventListener('dragend', () => {
        li.classList.remove('is-dragging');
        for (const other of items()) other.classList.remove('is-drop-target');
        dragged = null;
      });
      li.addEventListener('dragover', (event) => {
        if (!dragged || dragged === li || dragged.parentElement !== list) return;
        event.preventDefault();
        event.stopPropagation();
        for (const other of items()) other.classList.toggle('is-drop-target', other === li);
      });
      li.addEventListener('drop', async (event) => {
        if (!dragged || dragged === li || dragged.parentElement !== list) return;
        event.preventDefault();
        event.stopPropagation();
        const all = items();
        list.insertBefore(dragged, all.indexOf(dragged) < all.indexOf(li) ? li.nextSibling : li);
        const body = new URLSearchParams();
        if (list.dataset.parentId) body.append('parentId', list.dataset.parentId);
        for (const item of items()) body.append('ids', item.dataset.id);
        const response = await fetch(list.dataset.reorderUrl, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json', 'X-CSRF-Token': csrfToken() },
          body,
          credentials: 'same-origin',
        });
        // Numbers and times are computed on the server: show them fresh.
        if (response.ok) window.location.reload();
      });
    }
  }
})();
