// newsgraph's page: search, filters and a side panel over the Graphviz picture.
// Reads the graph from the JSON script element; talks to no server.
(function () {
  'use strict';
  const data = JSON.parse(document.getElementById('graph-data').textContent);
  const nodes = new Map(data.nodes.map((n) => [n.id, n]));
  const edges = new Map(data.edges.map((e) => [e.id, e]));
  const panel = document.getElementById('panel');
  const search = document.getElementById('search');
  const results = document.getElementById('results');
  const byNode = new Map();
  for (const e of data.edges) {
    for (const end of [e.source, e.target]) {
      if (!byNode.has(end)) byNode.set(end, []);
      byNode.get(end).push(e);
    }
  }
  document.body.dataset.nodes = data.nodes.length;
  document.body.dataset.edges = data.edges.length;
  document.getElementById('status').textContent =
    data.nodes.length + ' entities, ' + data.edges.length + ' facts';

  const fold = (text) => String(text).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
  const nodeElement = (id) => document.getElementById('n-' + id);
  const edgeElement = (id) => document.getElementById('f-' + id.slice(1));
  const el = (tag, text, cls) => {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  };
  const link = (text, action) => {
    const a = el('a', text);
    a.href = '#';
    a.addEventListener('click', (event) => { event.preventDefault(); action(); });
    return a;
  };
  const nameOf = (id) => (nodes.get(id) || { label: id }).label;

  // Search: exact name or alias first, then prefix, then contains.
  function matches(query) {
    const q = fold(query);
    if (!q) return [];
    const scored = [];
    for (const n of data.nodes) {
      const names = [n.label, n.id].concat(n.aliases || [], n.weak_aliases || []);
      let best = 0;
      for (const name of names) {
        const f = fold(name);
        const score = f === q ? 3 : f.startsWith(q) ? 2 : f.includes(q) ? 1 : 0;
        best = Math.max(best, score);
      }
      if (best > 0) scored.push([best, n]);
    }
    scored.sort((a, b) => b[0] - a[0] || a[1].label.localeCompare(b[1].label));
    return scored.map((s) => s[1]);
  }

  function showResults(found) {
    results.replaceChildren();
    for (const n of found.slice(0, 12)) {
      const li = el('li', n.label + ' ');
      li.append(el('small', n.kind));
      li.addEventListener('click', () => { results.hidden = true; select(n.id); });
      results.append(li);
    }
    results.hidden = found.length === 0;
  }

  function clearSelection() {
    document.querySelectorAll('g.selected').forEach((g) => g.classList.remove('selected'));
  }

  function select(id) {
    const n = nodes.get(id);
    if (!n) return;
    clearSelection();
    const g = nodeElement(id);
    if (g) {
      g.classList.add('selected');
      g.scrollIntoView({ block: 'center', inline: 'center' });
    }
    document.body.dataset.selected = id;
    renderCard(n);
  }

  function factLine(e, from) {
    const li = el('li');
    const other = e.source === from ? e.target : e.source;
    li.append((e.date || 'undated') + ' ');
    li.append(link(describe(e), () => showFact(e.id)));
    li.append(' ' + (e.source === from ? '→ ' : '← '));
    li.append(link(nameOf(other), () => select(other)));
    return li;
  }

  // The fact's label without its date (the list shows the date already).
  function describe(e) {
    const label = e.label.replace(e.date || '\u0000', '').trim();
    return label || e.relation.replace(/_/g, ' ');
  }

  function renderCard(n) {
    panel.replaceChildren();
    panel.append(el('div', n.kind, 'kind'), el('h2', n.label));
    if (n.description) panel.append(el('p', n.description));
    const names = (n.aliases || []).concat(n.weak_aliases || []);
    if (names.length) panel.append(el('p', 'Also: ' + names.join(', '), 'muted'));
    if (n.offices) {
      panel.append(el('h3', 'Offices'));
      const ul = el('ul');
      for (const o of n.offices) ul.append(el('li', o.title + ', ' + (o.from || '?') + ' to ' + (o.to || 'present')));
      panel.append(ul);
    }
    const facts = (byNode.get(n.id) || []).slice().sort((a, b) => String(a.date).localeCompare(String(b.date)));
    const meetings = facts.filter((e) => e.relation === 'met_with');
    const others = facts.filter((e) => e.relation !== 'met_with');
    const section = (title, list, cls) => {
      if (!list.length) return;
      panel.append(el('h3', title + ' (' + list.length + ')'));
      const ul = el('ul', undefined, cls);
      for (const e of list) ul.append(factLine(e, n.id));
      panel.append(ul);
    };
    section('Meetings', meetings, 'meetings');
    section('Other facts', others, 'facts');
  }

  function showFact(id) {
    const e = edges.get(id);
    if (!e) return;
    clearSelection();
    const g = edgeElement(id);
    if (g) g.classList.add('selected');
    document.body.dataset.selected = id;
    panel.replaceChildren();
    panel.append(el('div', e.relation.replace('_', ' '), 'kind'));
    const title = el('h2');
    title.append(link(nameOf(e.source), () => select(e.source)), ' — ', link(nameOf(e.target), () => select(e.target)));
    panel.append(title, el('p', e.label + (e.date ? '' : ' (undated)')), el('p', 'Origin: ' + e.origin.replace(/_/g, ' '), 'muted'));
    panel.append(el('h3', 'Evidence'));
    for (const ev of e.evidence) {
      const source = data.sources[ev.source] || ev.source;
      panel.append(el('div', source, 'muted'));
      if (ev.text) panel.append(el('blockquote', ev.text));
      if (ev.extraction) {
        panel.append(el('div', 'matched by pattern ' + ev.extraction.pattern + ', confidence ' + ev.extraction.confidence, 'muted'));
      }
    }
  }

  // Filters: kinds, relations, dates. Hidden nodes hide their lines too.
  const present = (key) => Array.from(new Set(key)).sort();
  function checkboxes(container, values) {
    for (const value of values) {
      const label = el('label');
      const box = el('input');
      box.type = 'checkbox';
      box.checked = true;
      box.value = value;
      box.addEventListener('change', applyFilters);
      label.append(box, ' ' + value.replace('_', ' '));
      container.append(label);
    }
  }
  checkboxes(document.getElementById('kinds'), present(data.nodes.map((n) => n.kind)));
  checkboxes(document.getElementById('relations'), present(data.edges.map((e) => e.relation)));
  const since = document.getElementById('since');
  const until = document.getElementById('until');
  since.addEventListener('input', applyFilters);
  until.addEventListener('input', applyFilters);
  const checked = (id) => new Set(Array.from(document.querySelectorAll('#' + id + ' input:checked')).map((b) => b.value));
  // Dates compare as text: "2022" < "2022-01" < "2022-01-28"; a bound covers its whole period.
  function inRange(date) {
    if (!since.value && !until.value) return true;
    if (!date) return false;
    if (since.value && date < since.value && !date.startsWith(since.value) && !since.value.startsWith(date)) return false;
    if (until.value && date > until.value && !date.startsWith(until.value)) return false;
    return true;
  }
  function applyFilters() {
    const kinds = checked('kinds');
    const relations = checked('relations');
    let shownNodes = 0;
    let shownEdges = 0;
    for (const n of data.nodes) {
      const visible = kinds.has(n.kind);
      const g = nodeElement(n.id);
      if (g) g.classList.toggle('hidden', !visible);
      if (visible) shownNodes++;
    }
    for (const e of data.edges) {
      const visible = relations.has(e.relation) && inRange(e.date) &&
        kinds.has((nodes.get(e.source) || {}).kind) && kinds.has((nodes.get(e.target) || {}).kind);
      const g = edgeElement(e.id);
      if (g) g.classList.toggle('hidden', !visible);
      if (visible) shownEdges++;
    }
    document.getElementById('status').textContent =
      shownNodes + ' of ' + data.nodes.length + ' entities, ' + shownEdges + ' of ' + data.edges.length + ' facts';
  }

  search.addEventListener('input', () => showResults(matches(search.value)));
  search.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      const found = matches(search.value);
      results.hidden = true;
      if (found.length) select(found[0].id);
    }
  });
  document.getElementById('picture').addEventListener('click', (event) => {
    const g = event.target.closest('g.node, g.edge');
    if (!g || !g.id) return;
    if (g.id.startsWith('n-')) select(g.id.slice(2));
    else if (g.id.startsWith('f-')) showFact('f' + g.id.slice(2));
  });

  // #q=Blinken searches on load; #id=antony-blinken selects by id.
  function fromHash() {
    const params = new URLSearchParams(location.hash.slice(1));
    if (params.get('id')) select(params.get('id'));
    else if (params.get('q')) {
      search.value = params.get('q');
      const found = matches(search.value);
      if (found.length) select(found[0].id);
    }
  }
  window.addEventListener('hashchange', fromHash);
  fromHash();
})();
