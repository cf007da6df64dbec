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
      el.querySelectorAll('input').forEach(i => { i.disabled = !visible; });
    });
  }

  function syncL1(initial) {
    const opt = l1.selectedOptions[0];
    requirements.textContent = opt.dataset.requirements || '';
    let current = l2.selectedOptions[0];
    l2.querySelectorAll('optgroup').forEach(g => {
      const match = g.dataset.l1 === l1.value;
      g.hidden = !match;
      g.querySelectorAll('option').forEach(o => { o.disabled = !match; });
    });
    if (!initial && current && current.disabled) l2.value = '';
    show('target', opt.dataset.requiresTargetDate === 'true');
    show('engagement', opt.dataset.allowsEngagementStart === 'true');
    show('unblock', opt.dataset.expectsUnblock === 'true');
    syncL2();
  }

  function syncL2() {
    const opt = l2.selectedOptions[0];
    l2Definition.textContent = (opt && opt.dataset.definition) || '';
  }

  l1.addEventListener('change', () => syncL1(false));
  l2.addEventListener('change', syncL2);
  syncL1(true);
})();
