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
