// Tenant list: send only the filters that hold a value, so the address (which a saved view is) stays short and readable.
(function () {
  const form = document.getElementById('tenant-filters');
  if (!form) return;
  form.addEventListener('submit', () => {
    form.querySelectorAll('input[type=text], input[type=search], input[type=number]').forEach(input => {
      if (input.value.trim() === '') input.disabled = true;
    });
    const sort = form.querySelector('select[name=sort]');
    if (sort && sort.value === 'name') sort.disabled = true;
  });
  // Coming back with the browser's back button shows the fields as they were, not disabled.
  window.addEventListener('pageshow', () => form.querySelectorAll('[disabled]').forEach(el => { el.disabled = false; }));
})();

// Reassigning (administrators): the header's tick ticks or clears every tenant of the page.
(function () {
  const all = document.getElementById('tick-all');
  if (!all) return;
  const ticks = () => document.querySelectorAll('input[name="Reassign.Ids"]');
  all.addEventListener('change', () => ticks().forEach(t => { t.checked = all.checked; }));
  ticks().forEach(t => t.addEventListener('change', () => {
    const list = [...ticks()];
    all.checked = list.every(x => x.checked);
    all.indeterminate = !all.checked && list.some(x => x.checked);
  }));
})();
