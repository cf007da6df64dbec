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
function wrapTables(root) {
  root.querySelectorAll('table').forEach(table => {
    let box = table.parentElement;
    if (!box.classList.contains('table-scroll')) {
      box = document.createElement('div');
      box.className = 'table-scroll';
      table.before(box);
      box.append(table);
    }
    if (box.scrollWidth > box.clientWidth + 1) box.tabIndex = 0;
  });
}
document.querySelectorAll('main').forEach(wrapTables);

// Character counters for long fields (class "counted"), read out politely to screen readers; and print buttons.
(function () {
  document.querySelectorAll('textarea.counted').forEach(field => {
    const counter = document.createElement('p');
    counter.className = 'help counter';
    counter.id = field.id + '-count';
    counter.setAttribute('aria-live', 'polite');
    const template = document.body.dataset.charactersLeft || '{0}';
    // The language's own plural rule picks the form (CLDR's, as the server does): "1 character left", "2 characters left".
    const one = document.body.dataset.charactersLeftOne;
    const plural = window.Intl && Intl.PluralRules ? new Intl.PluralRules(document.documentElement.lang) : null;
    const update = () => {
      const left = field.maxLength - field.value.length;
      const form = one && plural && plural.select(left) === 'one' ? one : template;
      counter.textContent = form.replace('{0}', left.toLocaleString(document.documentElement.lang));
      counter.classList.toggle('low', left < field.maxLength / 10);
    };
    field.insertAdjacentElement('afterend', counter);
    field.addEventListener('input', update);
    update();
  });
  document.querySelectorAll('[data-print]').forEach(b => b.addEventListener('click', () => window.print()));
})();

// Report charts: Chart.js draws what the page describes in data-chart; the table under it holds the same numbers.
// A bar with a link (data-chart's "links", one per bar) opens what lies behind it; a PNG button saves the picture.
(function () {
  if (typeof Chart === 'undefined') return;
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  document.querySelectorAll('canvas[data-chart]').forEach(canvas => {
    const config = JSON.parse(canvas.dataset.chart);
    const links = config.links;
    delete config.links;
    if (links) {
      config.options = config.options || {};
      config.options.onClick = (event, elements) => {
        if (elements.length && links[elements[0].index]) window.location.assign(links[elements[0].index]);
      };
      config.options.onHover = (event, elements) => {
        canvas.style.cursor = elements.length ? 'pointer' : 'default';
      };
    }
    new Chart(canvas, config);
  });
  document.querySelectorAll('[data-chart-png]').forEach(button => button.addEventListener('click', () => {
    const source = document.getElementById(button.dataset.chartPng);
    if (!source) return;
    // The canvas is transparent: the picture gets the page's background so it reads in any viewer.
    const copy = document.createElement('canvas');
    copy.width = source.width;
    copy.height = source.height;
    const context = copy.getContext('2d');
    context.fillStyle = getComputedStyle(document.body).backgroundColor || '#fff';
    context.fillRect(0, 0, copy.width, copy.height);
    context.drawImage(source, 0, 0);
    copy.toBlob(blob => {
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = button.dataset.file || 'chart.png';
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    }, 'image/png');
  }));
})();

// The status matrix: each L1 row opens and closes its L2 rows; one button opens or closes them all.
(function () {
  const setOpen = (button, open) => {
    button.setAttribute('aria-expanded', open ? 'true' : 'false');
    const body = button.closest('tbody');
    if (body) body.querySelectorAll('tr[data-l1]').forEach(row => { row.hidden = !open; });
  };
  document.querySelectorAll('button[data-expand]').forEach(button => button.addEventListener('click', () => {
    setOpen(button, button.getAttribute('aria-expanded') !== 'true');
  }));
  document.querySelectorAll('button[data-expand-all]').forEach(all => {
    const table = document.getElementById(all.dataset.expandAll);
    if (!table) return;
    const labels = [all.textContent, all.dataset.collapseLabel || all.textContent];
    all.addEventListener('click', () => {
      const open = all.dataset.expanded !== 'true';
      table.querySelectorAll('button[data-expand]').forEach(button => setOpen(button, open));
      all.dataset.expanded = open ? 'true' : 'false';
      all.textContent = labels[open ? 1 : 0];
    });
  });
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
      // The answer's page around this form, which stays as it is: the chosen file is kept for the real run after a
      // dry run (a browser empties a file field on every new page). Any other answer (the sign-in page) replaces all.
      const next = new DOMParser().parseFromString(xhr.responseText, 'text/html');
      const nextForm = next.getElementById('import-form');
      const main = form.closest('main');
      const nextMain = nextForm && nextForm.closest('main');
      // A refusal of the form's own fields (an empty file) is shown inside the form: then the whole answer is shown.
      const fieldErrors = nextForm && [...nextForm.querySelectorAll('.field-error')].some(e => e.textContent.trim());
      if (!nextMain || !main || fieldErrors || nextForm.parentElement !== nextMain || form.parentElement !== main) {
        document.open();
        document.write(xhr.responseText);
        document.close();
        return;
      }
      [...main.children].forEach(child => { if (child !== form) child.remove(); });
      const children = [...nextMain.children];
      const at = children.indexOf(nextForm);
      children.slice(0, at).forEach(child => form.before(document.importNode(child, true)));
      children.slice(at + 1).forEach(child => main.append(document.importNode(child, true)));
      document.title = next.title;
      wrapTables(main);
      box.hidden = true;
      form.querySelector('button[type=submit]').disabled = false;
      // After a clean dry run the same file can be applied at once.
      const apply = document.getElementById('import-apply-box');
      if (apply) {
        apply.hidden = false;
        document.getElementById('import-apply').addEventListener('click', () => {
          form.querySelector('#dry-run').checked = false;
          form.requestSubmit();
        });
      }
      const result = document.getElementById('import-result');
      if (result) {
        result.tabIndex = -1;
        result.focus();
      }
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
