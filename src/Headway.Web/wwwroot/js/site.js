// The antiforgery token the layout carries: every change a script makes through the API with the portal's cookie sends it.
function formToken() {
  const meta = document.querySelector('meta[name="request-verification-token"]');
  return meta ? meta.content : '';
}

// Status editor: show the sub-statuses and fields the chosen L1 requires, and what it requires.
(function () {
  const l1 = document.getElementById('l1');
  const l2 = document.getElementById('l2');
  if (!l1 || !l2) return;
  const requirements = document.getElementById('l1-requirements');
  const l2Definition = document.getElementById('l2-definition');

  function show(selector, visible) {
    document.querySelectorAll(`[data-show-when="${selector}"]`).forEach(el => {
      el.hidden = !visible;
      el.querySelectorAll('input').forEach(i => { i.disabled = !visible || clearing(i); });
    });
  }

  // Bulk edit: a field ticked to be cleared on every selected entitlement takes no value.
  function clearing(input) {
    const box = document.querySelector(`input[data-clears="${input.id}"]`);
    return !!box && box.checked;
  }
  document.querySelectorAll('input[data-clears]').forEach(box => {
    const sync = () => {
      const field = document.getElementById(box.dataset.clears);
      if (!field) return;
      if (box.checked) field.value = '';
      field.disabled = box.checked || !!field.closest('[hidden]');
    };
    box.addEventListener('change', sync);
    sync();
  });

  function syncL1(initial) {
    const opt = l1.selectedOptions[0];
    // In a bulk edit an empty L1 keeps each entitlement's status: no sub-status, and every date may be set.
    const keep = l1.value === '';
    requirements.textContent = opt.dataset.requirements || '';
    let current = l2.selectedOptions[0];
    l2.querySelectorAll('optgroup').forEach(g => {
      const match = g.dataset.l1 === l1.value;
      g.hidden = !match;
      g.querySelectorAll('option').forEach(o => { o.disabled = !match; });
    });
    if (!initial && current && current.disabled) l2.value = '';
    l2.disabled = keep;
    show('target', keep || opt.dataset.requiresTargetDate === 'true');
    show('engagement', keep || opt.dataset.allowsEngagementStart === 'true');
    show('unblock', keep || opt.dataset.expectsUnblock === 'true');
    document.querySelectorAll('button.template').forEach(b => { b.hidden = b.dataset.l1 !== l1.value; });
    syncL2(initial);
  }

  // The L3 values are those defined under the chosen L2; one that no longer belongs is cleared.
  const l3 = document.getElementById('l3');
  function syncL2(initial) {
    const opt = l2.selectedOptions[0];
    l2Definition.textContent = (opt && opt.dataset.definition) || '';
    if (!l3 || l3.tagName !== 'SELECT') return;
    l3.querySelectorAll('optgroup').forEach(g => {
      const match = g.dataset.l2 === l2.value;
      g.hidden = !match;
      g.querySelectorAll('option').forEach(o => { o.disabled = !match; });
    });
    const chosen = l3.selectedOptions[0];
    if (initial !== true && chosen && chosen.disabled) l3.value = '';
  }

  // A moved engagement start date needs its reason (kept as an overall note); ask only when it moves.
  const start = document.getElementById('engagementStartDate');
  const reason = document.getElementById('start-reason');
  function syncReason() {
    if (!start || !reason) return;
    const moved = !start.disabled && start.value !== '' && start.value !== start.dataset.original;
    reason.hidden = !moved;
    reason.querySelectorAll('input').forEach(i => { i.disabled = !moved; i.required = moved; });
  }
  if (start) start.addEventListener('input', syncReason);

  l1.addEventListener('change', () => { syncL1(false); syncReason(); });
  l2.addEventListener('change', syncL2);
  syncL1(true);
  syncReason();
})();

// Note coach: after a 300 ms pause in typing, grade the note and show findings, the words they refer
// to and the status the text points to. Built with text nodes only, so a note can never become markup.
(function () {
  const note = document.getElementById('note');
  const panel = document.getElementById('coach');
  const l1 = document.getElementById('l1');
  const l2 = document.getElementById('l2');
  if (!note || !panel || !l1 || !l2) return;
  const grade = document.getElementById('coach-grade');
  const preview = document.getElementById('coach-preview');
  const findings = document.getElementById('coach-findings');
  const suggestion = document.getElementById('coach-suggestion');
  const use = document.getElementById('coach-use');
  let timer = 0;
  let sequence = 0;
  let suggested = null;

  async function check() {
    const mine = ++sequence;
    const response = await fetch('/api/v1/notes/lint', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'RequestVerificationToken': formToken() },
      body: JSON.stringify({ text: note.value, l1: l1.value || null, l2: l2.value || null, lang: 'auto', uiLang: document.documentElement.lang }),
    });
    if (!response.ok || mine !== sequence) return;
    render(await response.json(), note.value);
  }

  function render(result, text) {
    panel.hidden = false;
    grade.textContent = panel.dataset['grade' + result.grade] || result.grade;
    grade.className = 'badge grade-' + result.grade;
    preview.replaceChildren();
    const spans = result.findings.filter(f => f.length > 0).sort((a, b) => a.start - b.start);
    let at = 0;
    for (const f of spans) {
      if (f.start < at) continue;
      preview.append(document.createTextNode(text.slice(at, f.start)));
      const mark = document.createElement('mark');
      mark.textContent = text.slice(f.start, f.start + f.length);
      mark.title = f.message;
      preview.append(mark);
      at = f.start + f.length;
    }
    preview.append(document.createTextNode(text.slice(at)));
    findings.replaceChildren(...(result.findings.length === 0
      ? [Object.assign(document.createElement('li'), { textContent: panel.dataset.none })]
      : result.findings.map(finding)));
    suggested = result.suggested;
    const differs = suggested && suggested.l2 && suggested.l2 !== l2.value;
    suggestion.hidden = !differs;
    if (differs) {
      const l1Name = [...l1.options].find(o => o.value === suggested.l1)?.textContent || suggested.l1;
      const l2Name = [...l2.options].find(o => o.value === suggested.l2)?.textContent || suggested.l2;
      suggestion.firstElementChild.textContent = panel.dataset.suggested.replace('{0}', l1Name + ' / ' + l2Name);
    }
  }

  // A finding about words of the note selects them when clicked (a template's placeholder is then typed over).
  function finding(f) {
    const item = Object.assign(document.createElement('li'), { className: f.severity });
    item.dataset.code = f.code;
    if (f.length > 0) {
      const select = Object.assign(document.createElement('button'), { type: 'button', className: 'link', textContent: f.message });
      select.addEventListener('click', () => {
        note.focus();
        note.setSelectionRange(f.start, f.start + f.length);
      });
      item.append(select);
    } else {
      item.append(document.createTextNode(f.message));
    }
    if (f.fix) item.append(document.createTextNode(' → ' + f.fix));
    return item;
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(check, 300);
  }

  use.addEventListener('click', () => {
    if (!suggested) return;
    l1.value = suggested.l1;
    l1.dispatchEvent(new Event('change'));
    l2.value = suggested.l2;
    l2.dispatchEvent(new Event('change'));
    check();
  });
  note.addEventListener('input', later);
  l1.addEventListener('change', later);
  l2.addEventListener('change', later);
  if (note.value.trim()) check();
})();

// Templates: insert the guidance's sentence for the chosen status and select its first [placeholder].
(function () {
  const note = document.getElementById('note');
  if (!note) return;
  document.querySelectorAll('button.template').forEach(button => button.addEventListener('click', () => {
    const text = button.dataset.template;
    const start = note.value.length === 0 ? 0 : note.value.length + 1;
    note.value = note.value.length === 0 ? text : note.value + ' ' + text;
    const open = text.indexOf('[');
    const close = text.indexOf(']', open);
    note.focus();
    if (open >= 0 && close > open) {
      note.setSelectionRange(start + open, start + close + 1);
    }
    note.dispatchEvent(new Event('input'));
  }));
})();

// Wide tables scroll inside their own box, never the page: each table of the main content not already in one is
// wrapped; a box that does scroll can be focused, so its content can be scrolled with the keyboard too.
(function () {
  document.querySelectorAll('main table').forEach(table => {
    let box = table.parentElement;
    if (!box.classList.contains('table-scroll')) {
      box = document.createElement('div');
      box.className = 'table-scroll';
      table.before(box);
      box.append(table);
    }
    if (box.scrollWidth > box.clientWidth + 1) box.tabIndex = 0;
  });
})();

// Character counters for long fields (class "counted"), read out politely to screen readers; and print buttons.
(function () {
  document.querySelectorAll('textarea.counted').forEach(field => {
    const counter = document.createElement('p');
    counter.className = 'help counter';
    counter.id = field.id + '-count';
    counter.setAttribute('aria-live', 'polite');
    const template = document.body.dataset.charactersLeft || '{0}';
    const update = () => {
      const left = field.maxLength - field.value.length;
      counter.textContent = template.replace('{0}', left.toLocaleString(document.documentElement.lang));
      counter.classList.toggle('low', left < field.maxLength / 10);
    };
    field.insertAdjacentElement('afterend', counter);
    field.addEventListener('input', update);
    update();
  });
  document.querySelectorAll('[data-print]').forEach(b => b.addEventListener('click', () => window.print()));
})();

// Report charts: Chart.js draws what the page describes in data-chart; the table under it holds the same numbers.
(function () {
  if (typeof Chart === 'undefined') return;
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  document.querySelectorAll('canvas[data-chart]').forEach(canvas => new Chart(canvas, JSON.parse(canvas.dataset.chart)));
})();

// Import page: upload with a progress bar, then show the page the server answers with.
(function () {
  const form = document.getElementById('import-form');
  if (!form || !window.XMLHttpRequest || !window.FormData) return;
  const box = document.getElementById('import-progress');
  const bar = box.querySelector('progress');
  const text = document.getElementById('import-progress-text');
  form.addEventListener('submit', e => {
    if (!form.checkValidity()) return;
    e.preventDefault();
    const xhr = new XMLHttpRequest();
    xhr.open('POST', form.action || window.location.pathname);
    box.hidden = false;
    form.querySelector('button[type=submit]').disabled = true;
    xhr.upload.addEventListener('progress', p => {
      if (!p.lengthComputable) return;
      const percent = Math.round(100 * p.loaded / p.total);
      bar.value = percent;
      text.textContent = form.dataset.uploading.replace('{0}', percent);
    });
    xhr.upload.addEventListener('load', () => {
      bar.removeAttribute('value');
      text.textContent = form.dataset.checking;
    });
    xhr.addEventListener('load', () => {
      document.open();
      document.write(xhr.responseText);
      document.close();
    });
    xhr.addEventListener('error', () => form.submit());
    xhr.send(new FormData(form));
  });
})();

// Notifications: opening an unread one marks it read first (without scripts, the page's buttons do it).
(function () {
  document.querySelectorAll('a[data-notification][data-unread="true"]').forEach(link => link.addEventListener('click', async event => {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    try {
      await fetch('/api/v1/notifications/' + encodeURIComponent(link.dataset.notification) + '/read', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'RequestVerificationToken': formToken() },
      });
    } finally {
      window.location.assign(link.href);
    }
  }));
})();

// Editing forms (data-guard): Enter in a one-line field does not send the form, Ctrl+Enter (or Cmd+Enter) does from
// any field; leaving with changes not sent asks first. With data-draft, what is typed is kept in this browser until a
// later visit shows it saved, so a closed tab or an ended session loses nothing: the next visit restores it and says so.
(function () {
  const forms = [...document.querySelectorAll('form[data-guard]')];
  if (forms.length === 0) return;
  const text = document.body.dataset;
  const hour = 3600000;
  const initial = new WeakMap();
  let sending = false;

  const fields = form => [...form.elements].filter(e => e.name && !e.disabled && e.name !== '__RequestVerificationToken'
    && !['hidden', 'submit', 'button', 'file', 'reset'].includes(e.type));
  function read(form) {
    const values = {};
    fields(form).forEach(e => {
      if (e.type === 'checkbox' || e.type === 'radio') {
        if (e.checked) (values[e.name] = values[e.name] || []).push(e.value);
      } else {
        values[e.name] = e.value;
      }
    });
    return values;
  }
  function write(form, values) {
    fields(form).forEach(e => {
      if (e.type === 'checkbox' || e.type === 'radio') {
        e.checked = (values[e.name] || []).includes(e.value);
      } else if (e.name in values) {
        e.value = values[e.name];
      } else {
        return;
      }
      e.dispatchEvent(new Event('change', { bubbles: true }));
      e.dispatchEvent(new Event('input', { bubbles: true }));
    });
  }
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  function load(key) {
    try { return JSON.parse(localStorage.getItem(key) || 'null'); } catch { return null; }
  }

  forms.forEach(form => {
    const start = read(form);
    initial.set(form, start);
    const key = form.dataset.draft ? 'headway-draft:' + form.dataset.draft : null;
    if (key) {
      const draft = load(key);
      // A draft is dropped once the page shows what it holds (saved), after a week, or a day after it was sent.
      const stale = !draft || same(draft.values, start) || Date.now() - draft.at > 168 * hour || (draft.sent && Date.now() - draft.at > 24 * hour);
      if (stale) {
        localStorage.removeItem(key);
      } else {
        write(form, draft.values);
        const notice = document.createElement('div');
        notice.className = 'notice';
        notice.setAttribute('role', 'status');
        notice.id = 'draft-restored';
        const p = document.createElement('p');
        p.textContent = (text.draftRestored || '{0}').replace('{0}', new Date(draft.at).toLocaleString(document.documentElement.lang));
        const discard = document.createElement('button');
        discard.type = 'button';
        discard.className = 'secondary';
        discard.id = 'draft-discard';
        discard.textContent = text.draftDiscard || 'Discard';
        discard.addEventListener('click', () => {
          localStorage.removeItem(key);
          write(form, start);
          notice.remove();
        });
        notice.append(p, discard);
        form.insertAdjacentElement('beforebegin', notice);
      }
    }

    let timer;
    const keep = () => {
      if (!key) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        const values = read(form);
        if (same(values, start)) localStorage.removeItem(key);
        else localStorage.setItem(key, JSON.stringify({ at: Date.now(), values }));
      }, 300);
    };
    form.addEventListener('input', keep);
    form.addEventListener('change', keep);
    form.addEventListener('submit', () => {
      sending = true;
      if (key) {
        clearTimeout(timer);
        localStorage.setItem(key, JSON.stringify({ at: Date.now(), values: read(form), sent: true }));
      }
    });
    form.addEventListener('keydown', e => {
      if (e.key !== 'Enter' || e.isComposing) return;
      if (e.ctrlKey || e.metaKey) {
        e.preventDefault();
        form.requestSubmit();
      } else if (e.target instanceof HTMLInputElement && !['submit', 'button', 'checkbox', 'radio', 'file'].includes(e.target.type)) {
        e.preventDefault();
      }
    });
    const submit = form.querySelector('button[type=submit]');
    if (submit && text.ctrlEnterHint) {
      const hint = document.createElement('span');
      hint.className = 'help keys-hint';
      hint.textContent = text.ctrlEnterHint;
      submit.insertAdjacentElement('afterend', hint);
    }
  });

  window.addEventListener('beforeunload', e => {
    if (sending) return;
    if (forms.some(f => !same(read(f), initial.get(f)))) {
      e.preventDefault();
      e.returnValue = '';
    }
  });
})();

// Keyboard shortcuts, never while typing in a field: "?" lists them, "/" goes to the search, "g" then a letter goes to
// a page (the list in the dialog is the server's, in the reader's language, with only the pages the role may open).
(function () {
  const dialog = document.getElementById('shortcuts');
  if (!dialog) return;
  const targets = new Map([...dialog.querySelectorAll('[data-go-key]')].map(d => [d.dataset.goKey, d.dataset.href]));
  let go = false;
  document.addEventListener('keydown', e => {
    if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
    const t = e.target;
    if (t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName))) return;
    if (dialog.open) return;
    if (go) {
      go = false;
      const href = targets.get(e.key.toLowerCase());
      if (href) {
        e.preventDefault();
        window.location.assign(href);
      }
      return;
    }
    if (e.key === '?') {
      e.preventDefault();
      dialog.showModal();
    } else if (e.key === '/') {
      const search = document.getElementById('top-search-q');
      if (search) {
        e.preventDefault();
        search.focus();
      }
    } else if (e.key === 'g') {
      go = true;
      setTimeout(() => { go = false; }, 1500);
    }
  });
})();
