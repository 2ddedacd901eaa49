// newsgraph's page: the graph drawn with Cytoscape.js, search, filters, a
// time slider and a side panel. Reads the graph from the JSON script element;
// talks to no server. Text from the data is only ever inserted as textContent.
(function () {
  'use strict';
  const data = JSON.parse(document.getElementById('graph-data').textContent);
  const nodes = new Map(data.nodes.map((n) => [n.id, n]));
  const edges = new Map(data.edges.map((e) => [e.id, e]));
  const positions = data.positions || {};
  const pageStyle = data.style || { kinds: {}, relations: {} };
  const panel = document.getElementById('panel');
  const search = document.getElementById('search');
  const results = document.getElementById('results');
  const status = document.getElementById('status');
  const body = document.body;
  const byNode = new Map();
  for (const e of data.edges) {
    for (const end of [e.source, e.target]) {
      if (!byNode.has(end)) byNode.set(end, []);
      byNode.get(end).push(e);
    }
  }
  body.dataset.nodes = data.nodes.length;
  body.dataset.edges = data.edges.length;

  // Names fold as the command line folds them: case, accents, quotes and spacing.
  const fold = (text) => String(text).normalize('NFD').replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019]/g, "'").replace(/[\u2013\u2014]/g, '-').toLowerCase()
    .split(/\s+/).filter(Boolean).join(' ');
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
  const words = (text) => String(text).replace(/_/g, ' ');

  // ---- The graph -------------------------------------------------------
  const displayLabel = (n) => (n.kind === 'event' && n.date ? n.label + '\n' + n.date : n.label);
  const estimate = (n) => {
    const lines = displayLabel(n).split('\n');
    const longest = Math.max.apply(null, lines.map((l) => l.length));
    return [Math.min(220, Math.max(40, longest * 6.2 + 18)), 14 * lines.length + 14];
  };
  const elements = [];
  for (const n of data.nodes) {
    const placed = positions[n.id];
    const size = placed ? [placed[2], placed[3]] : estimate(n);
    elements.push({ group: 'nodes', data: { id: n.id, label: displayLabel(n), kind: n.kind, w: size[0], h: size[1] } });
  }
  for (const e of data.edges) {
    elements.push({ group: 'edges', data: { id: e.id, source: e.source, target: e.target, relation: e.relation, label: e.label } });
  }
  const styles = [
    { selector: 'node', style: {
      'label': 'data(label)', 'width': 'data(w)', 'height': 'data(h)', 'font-size': 11,
      'font-family': 'Helvetica, Arial, sans-serif', 'text-valign': 'center', 'text-halign': 'center',
      'text-wrap': 'wrap', 'text-max-width': 'data(w)', 'border-width': 1.2, 'background-color': '#eeeeee',
      'border-color': '#555555', 'color': '#1f2328' } },
    { selector: 'edge', style: {
      'width': 1.5, 'line-color': '#888888', 'curve-style': 'bezier', 'target-arrow-shape': 'none',
      'arrow-scale': 0.9, 'opacity': 0.9, 'font-size': 9, 'text-rotation': 'autorotate',
      'text-background-color': '#ffffff', 'text-background-opacity': 0.85, 'text-background-padding': 1 } },
  ];
  // Curators' styles (style.ron, `page`): colours, shapes and lines by kind and relation.
  const copyColor = (props) => {
    const copy = Object.assign({}, props);
    if (copy['line-color'] && !copy['target-arrow-color']) copy['target-arrow-color'] = copy['line-color'];
    if (copy['line-color'] && !copy['source-arrow-color']) copy['source-arrow-color'] = copy['line-color'];
    return copy;
  };
  const kindNames = Object.keys(pageStyle.kinds || {});
  const relationNames = Object.keys(pageStyle.relations || {});
  kindNames.forEach((kind, i) => styles.push({ selector: 'node.kind-' + i, style: pageStyle.kinds[kind] }));
  relationNames.forEach((relation, i) => styles.push({ selector: 'edge.relation-' + i, style: copyColor(pageStyle.relations[relation]) }));
  styles.push(
    { selector: '.faded', style: { 'opacity': 0.12 } },
    { selector: 'edge.near', style: { 'label': 'data(label)', 'opacity': 1, 'z-index': 10 } },
    { selector: 'node.chosen', style: { 'border-color': '#dc2626', 'border-width': 4, 'z-index': 20 } },
    { selector: 'node.candidate', style: { 'border-color': '#f59e0b', 'border-width': 5 } },
    { selector: 'edge.chosen', style: { 'line-color': '#dc2626', 'target-arrow-color': '#dc2626', 'width': 4, 'label': 'data(label)' } },
    { selector: '.hidden', style: { 'display': 'none' } },
  );
  const cy = window.cytoscape({
    container: document.getElementById('picture'),
    elements: elements,
    style: styles,
    layout: { name: 'preset' },
    minZoom: 0.03,
    maxZoom: 5,
    wheelSensitivity: 0.4,
    boxSelectionEnabled: false,
    autounselectify: true,
  });
  cy.nodes().forEach((node) => {
    const i = kindNames.indexOf(node.data('kind'));
    if (i >= 0) node.addClass('kind-' + i);
  });
  cy.edges().forEach((edge) => {
    const i = relationNames.indexOf(edge.data('relation'));
    if (i >= 0) edge.addClass('relation-' + i);
  });
  // Tests and curious readers can reach the graph from the console.
  window.newsgraph = { cy: cy };

  // Graphviz's positions where the picture has them; the entities the picture
  // leaves out go in columns beside it, kind by kind.
  const hasPositions = Object.keys(positions).length > 0;
  function placeByGraphviz() {
    let minY = Infinity; let maxX = -Infinity; let maxY = -Infinity;
    for (const id in positions) {
      const p = positions[id];
      minY = Math.min(minY, p[1] - p[3] / 2); maxY = Math.max(maxY, p[1] + p[3] / 2);
      maxX = Math.max(maxX, p[0] + p[2] / 2);
    }
    const rest = cy.nodes().filter((node) => !positions[node.id()]).sort((a, b) =>
      a.data('kind').localeCompare(b.data('kind')) || a.data('label').localeCompare(b.data('label')));
    const rows = Math.max(1, Math.floor((maxY - minY) / 60));
    const width = Math.max.apply(null, rest.map((n) => n.data('w')).concat([0]));
    cy.batch(() => {
      cy.nodes().forEach((node) => {
        const p = positions[node.id()];
        if (p) node.position({ x: p[0], y: p[1] });
      });
      rest.forEach((node, i) => node.position({
        x: maxX + 120 + Math.floor(i / rows) * (width + 40) + width / 2,
        y: minY + (i % rows) * 60 + 20,
      }));
    });
  }
  function placeInGrid() {
    const columns = Math.ceil(Math.sqrt(cy.nodes().length));
    cy.batch(() => cy.nodes().forEach((node, i) => node.position({ x: (i % columns) * 180, y: Math.floor(i / columns) * 90 })));
  }
  function layOut(how) {
    if (how === 'graphviz' && hasPositions) {
      placeByGraphviz();
    } else {
      // Start from a grid, not at random: the same page always opens the same way.
      placeInGrid();
      cy.layout({ name: 'cose', animate: false, randomize: false, fit: false, nodeRepulsion: () => 400000,
        idealEdgeLength: () => 110, edgeElasticity: () => 60, gravity: 0.6, nodeOverlap: 40, numIter: 2500,
        componentSpacing: 60, nodeDimensionsIncludeLabels: true }).run();
    }
    fit();
  }
  function fit() {
    const shown = cy.elements().not('.hidden');
    cy.fit(shown.length ? shown : cy.elements(), 24);
    body.dataset.zoom = cy.zoom().toFixed(4);
  }
  cy.on('zoom', () => { body.dataset.zoom = cy.zoom().toFixed(4); });
  const layoutChoice = document.getElementById('layout');
  if (!hasPositions) {
    layoutChoice.value = 'force';
    layoutChoice.options[0].disabled = true;
  }
  layoutChoice.addEventListener('change', () => layOut(layoutChoice.value));
  const zoomBy = (factor) => {
    const level = Math.min(cy.maxZoom(), Math.max(cy.minZoom(), cy.zoom() * factor));
    cy.zoom({ level: level, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  };
  document.getElementById('zoom-in').addEventListener('click', () => zoomBy(1.4));
  document.getElementById('zoom-out').addEventListener('click', () => zoomBy(1 / 1.4));
  document.getElementById('fit').addEventListener('click', fit);

  // ---- Search ----------------------------------------------------------
  const namesOf = (n) => [[n.label, true]].concat((n.aliases || []).map((a) => [a, true]),
    (n.weak_aliases || []).map((a) => [a, false]));

  // What a typed name means, as the command line resolves it: an exact id; a
  // name or alias equal to it (names and strong aliases before weak ones); or
  // names that contain it as whole words. Several at one step: ambiguous.
  function resolve(query) {
    const raw = String(query).trim();
    if (nodes.has(raw)) return { one: raw };
    const q = fold(raw);
    if (!q) return { none: [] };
    const strong = []; const weak = [];
    for (const n of data.nodes) {
      for (const [name, isStrong] of namesOf(n)) {
        if (fold(name) !== q) continue;
        const list = isStrong ? strong : weak;
        if (!list.includes(n.id)) list.push(n.id);
      }
    }
    const exact = strong.length ? strong : weak;
    if (exact.length === 1) return { one: exact[0] };
    if (exact.length > 1) return { candidates: exact };
    const partial = [];
    for (const n of data.nodes) {
      if (namesOf(n).some(([name]) => (' ' + fold(name) + ' ').includes(' ' + q + ' ')) && !partial.includes(n.id)) partial.push(n.id);
    }
    if (partial.length === 1) return { one: partial[0] };
    if (partial.length > 1) return { candidates: partial };
    return { none: matches(raw).slice(0, 5).map((n) => n.id) };
  }

  // The drop-down while typing: exact name or alias first, then prefix, then contains.
  function matches(query) {
    const q = fold(query);
    if (!q) return [];
    const scored = [];
    for (const n of data.nodes) {
      let best = 0;
      for (const [name] of namesOf(n).concat([[n.id]])) {
        const f = fold(name);
        best = Math.max(best, f === q ? 3 : f.startsWith(q) ? 2 : f.includes(q) ? 1 : 0);
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
      li.addEventListener('click', () => { results.hidden = true; select(n.id, true); });
      results.append(li);
    }
    results.hidden = found.length === 0;
  }

  function go(query) {
    results.hidden = true;
    const found = resolve(query);
    if (found.one) select(found.one, true);
    else if (found.candidates) showCandidates(query, found.candidates);
    else showUnknown(query, found.none);
  }

  // ---- Selection and the side panel ------------------------------------
  function clearSelection() {
    cy.elements().removeClass('faded near chosen candidate');
    delete body.dataset.selected;
    delete body.dataset.candidates;
  }

  function reveal(collection) {
    const extent = cy.extent();
    const box = collection.boundingBox();
    const inside = box.x1 >= extent.x1 && box.x2 <= extent.x2 && box.y1 >= extent.y1 && box.y2 <= extent.y2;
    if (!inside) cy.center(collection);
  }

  function select(id, move) {
    const n = nodes.get(id);
    if (!n) return;
    clearSelection();
    const node = cy.getElementById(id);
    const near = node.closedNeighborhood();
    cy.elements().not(near).addClass('faded');
    near.edges().addClass('near');
    node.addClass('chosen');
    if (move) reveal(node);
    body.dataset.selected = id;
    renderCard(n);
  }

  function showCandidates(query, ids) {
    clearSelection();
    const found = cy.collection();
    ids.forEach((id) => found.merge(cy.getElementById(id)));
    cy.elements().not(found).addClass('faded');
    found.addClass('candidate');
    body.dataset.candidates = ids.length;
    panel.replaceChildren();
    panel.append(el('div', 'ambiguous name', 'kind'), el('h2', '“' + query + '” could be ' + ids.length + ' entities'));
    panel.append(el('p', 'Choose one:', 'muted'));
    const ul = el('ul', undefined, 'candidates');
    for (const id of ids) {
      const n = nodes.get(id);
      const li = el('li');
      li.append(link(n.label, () => select(id, true)), ' ', el('span', '(' + n.kind + ', ' + id + ')', 'muted'));
      ul.append(li);
    }
    panel.append(ul);
  }

  function showUnknown(query, suggestions) {
    clearSelection();
    panel.replaceChildren();
    panel.append(el('h2', 'No entity is called “' + query + '”'));
    if (suggestions.length) {
      panel.append(el('p', 'Did you mean:', 'muted'));
      const ul = el('ul');
      for (const id of suggestions) {
        const li = el('li');
        li.append(link(nameOf(id), () => select(id, true)));
        ul.append(li);
      }
      panel.append(ul);
    }
  }

  // The distinct sentences that state a fact.
  function sentences(e) {
    const seen = new Set();
    const out = [];
    for (const ev of e.evidence || []) {
      if (ev.text && !seen.has(ev.text)) { seen.add(ev.text); out.push(ev); }
    }
    return out;
  }

  // The fact's label without its date (the list shows the date already).
  function describe(e) {
    const label = e.label.replace(e.date || '\u0000', '').trim();
    return label || words(e.relation);
  }

  function factLine(e, from) {
    const li = el('li');
    const other = e.source === from ? e.target : e.source;
    li.append((e.date || 'undated') + ' ');
    li.append(link(describe(e), () => showFact(e.id)));
    li.append(' ' + (e.source === from ? '→ ' : '← '));
    li.append(link(nameOf(other), () => select(other, true)));
    const said = sentences(e);
    if (said.length) {
      const quote = el('blockquote', said[0].text);
      quote.title = data.sources[said[0].source] || said[0].source;
      li.append(quote);
    }
    return li;
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
    meetingsSection(n, facts);
    // Meetings are listed above as who-met lists them; a met_with line to a
    // colleague on the same side is among those left out, not another fact.
    const others = facts.filter((e) => e.relation !== 'met_with' && e.relation !== 'holds_office');
    if (others.length) {
      panel.append(el('h3', 'Other facts (' + others.length + ')'));
      const ul = el('ul', undefined, 'facts');
      for (const e of others) ul.append(factLine(e, n.id));
      panel.append(ul);
    }
  }

  const counted = (k, one, many) => k + ' ' + (k === 1 ? one : many);

  // The entity's meetings as `newsgraph who-met` and `show` count them: the
  // numbers and rows come from the data (`meetings`, computed by the same
  // library call), never counted here from the lines of the graph.
  function meetingsSection(n, facts) {
    const m = n.meetings;
    if (!m) return;
    const rows = m.rows || [];
    const heading = el('h3', 'Meetings (' + m.encounters + ')');
    heading.dataset.encounters = m.encounters;
    panel.append(heading);
    let summary = counted(m.encounters, 'encounter', 'encounters') + ' with ' +
      counted(m.counterparts, 'counterpart', 'counterparts');
    if (m.own_side_left_out) {
      summary += '; ' + counted(m.own_side_left_out, 'colleague', 'colleagues') +
        ' on the same side left out';
    }
    panel.append(el('p', summary, 'muted meetings-summary'));
    const lines = facts.filter((e) => e.relation === 'met_with');
    const ul = el('ul', undefined, 'meetings');
    for (const row of rows) ul.append(meetingLine(n.id, row, lines));
    panel.append(ul);
  }

  // The met_with line drawn for a who-met row: the same counterpart, and the
  // same event (or, without one, the same date).
  function lineFor(from, row, lines) {
    return lines.find((e) => (e.source === from ? e.target : e.source) === row.counterpart &&
      (row.event ? e.event === row.event : e.date === (row.date || undefined)));
  }

  function meetingLine(from, row, lines) {
    const li = el('li');
    const e = lineFor(from, row, lines);
    const mode = words(row.mode);
    li.append((row.date || 'undated') + ' ');
    li.append(e ? link(mode, () => showFact(e.id)) : mode);
    li.append(' with ');
    li.append(nodes.has(row.counterpart) ? link(row.counterpart_name, () => select(row.counterpart, true)) : row.counterpart_name);
    if (row.counterpart_office) li.append(el('span', ' (' + row.counterpart_office + ')', 'muted'));
    if (row.event_name) {
      li.append(', ');
      li.append(nodes.has(row.event) ? link(row.event_name, () => select(row.event, true)) : row.event_name);
    }
    if (row.place_name) li.append(', ' + row.place_name);
    const said = e ? sentences(e) : [];
    if (said.length) {
      const quote = el('blockquote', said[0].text);
      quote.title = data.sources[said[0].source] || said[0].source;
      li.append(quote);
    } else if (row.sources.length) {
      li.append(el('div', 'Sources: ' + row.sources.map((s) => data.sources[s] || s).join('; '), 'muted'));
    }
    return li;
  }

  function showFact(id) {
    const e = edges.get(id);
    if (!e) return;
    clearSelection();
    const edge = cy.getElementById(id);
    const ends = edge.connectedNodes();
    cy.elements().not(edge.union(ends)).addClass('faded');
    edge.addClass('chosen');
    reveal(edge.union(ends));
    body.dataset.selected = id;
    panel.replaceChildren();
    panel.append(el('div', words(e.relation), 'kind'));
    const title = el('h2');
    title.append(link(nameOf(e.source), () => select(e.source, true)), ' — ', link(nameOf(e.target), () => select(e.target, true)));
    panel.append(title, el('p', e.label + (e.date ? '' : ' (undated)')), el('p', 'Origin: ' + words(e.origin), 'muted'));
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

  cy.on('tap', 'node', (event) => select(event.target.id(), false));
  cy.on('tap', 'edge', (event) => showFact(event.target.id()));
  cy.on('tap', (event) => {
    if (event.target === cy) {
      clearSelection();
      panel.replaceChildren(el('p', 'Search a name, or click an entity or a line of the graph.', 'hint'));
    }
  });

  // ---- Filters: kinds, relations, and the time slider -------------------
  const present = (values) => Array.from(new Set(values)).sort();
  const unticked = new Set(pageStyle.unticked || []);
  function checkboxes(container, values, swatch) {
    for (const value of values) {
      const label = el('label');
      const box = el('input');
      box.type = 'checkbox';
      box.checked = !unticked.has(value);
      box.value = value;
      box.addEventListener('change', applyFilters);
      label.append(box, ' ', swatch(value), ' ' + words(value));
      container.append(label);
    }
  }
  // Swatches drawn with the page's own styles; values set as style properties, never as markup.
  const kindSwatch = (kind) => {
    const s = el('span');
    const props = pageStyle.kinds[kind] || {};
    s.style.display = 'inline-block'; s.style.width = '1.4em'; s.style.height = '.9em'; s.style.verticalAlign = 'middle';
    s.style.border = '1.5px solid'; s.style.borderColor = props['border-color'] || '#555';
    s.style.backgroundColor = props['background-color'] || '#eee';
    s.style.borderRadius = props.shape === 'ellipse' ? '50%' : '2px';
    return s;
  };
  const relationSwatch = (relation) => {
    const s = el('span');
    const props = pageStyle.relations[relation] || {};
    s.style.display = 'inline-block'; s.style.width = '1.8em'; s.style.verticalAlign = 'middle';
    s.style.borderTop = '2.5px ' + (props['line-style'] || 'solid');
    s.style.borderTopColor = props['line-color'] || '#888';
    return s;
  };
  checkboxes(document.getElementById('kinds'), present(data.nodes.map((n) => n.kind)), kindSwatch);
  checkboxes(document.getElementById('relations'), present(data.edges.map((e) => e.relation)), relationSwatch);
  const checked = (id) => new Set(Array.from(document.querySelectorAll('#' + id + ' input:checked')).map((b) => b.value));

  // Dates are "YYYY", "YYYY-MM" or "YYYY-MM-DD": a date covers its whole period.
  const firstDay = (d) => (d + '-01-01').slice(0, 10);
  const lastDay = (d) => (d.length === 4 ? d + '-12-31' : d.length === 7 ? d + '-31' : d);
  const dates = present(data.edges.map((e) => e.date).concat(data.nodes.map((n) => n.kind === 'event' ? n.date : undefined)).filter(Boolean));
  const since = document.getElementById('since');
  const until = document.getElementById('until');
  since.max = until.max = String(Math.max(0, dates.length - 1));
  since.value = '0';
  until.value = since.max;
  const undated = data.edges.filter((e) => !e.date).length;
  if (!dates.length) document.getElementById('timeline').hidden = true;
  function range() {
    let a = Number(since.value); let b = Number(until.value);
    if (a > b) { const t = a; a = b; b = t; }
    return { all: a === 0 && b === dates.length - 1, from: firstDay(dates[a] || ''), to: lastDay(dates[b] || '') };
  }
  function inRange(date, r) {
    if (r.all) return true;
    if (!date) return false;
    return lastDay(date) >= r.from && firstDay(date) <= r.to;
  }
  since.addEventListener('input', applyFilters);
  until.addEventListener('input', applyFilters);

  function applyFilters() {
    const kinds = checked('kinds');
    const relations = checked('relations');
    const r = range();
    document.getElementById('since-label').textContent = dates.length ? r.from : '';
    document.getElementById('until-label').textContent = dates.length ? r.to : '';
    document.getElementById('undated-note').textContent =
      undated && !r.all ? undated + ' undated facts hidden' : '';
    let shownNodes = 0;
    let shownEdges = 0;
    cy.batch(() => {
      cy.nodes().forEach((node) => {
        const n = nodes.get(node.id());
        const visible = kinds.has(n.kind) && (n.kind !== 'event' || inRange(n.date, r));
        node.toggleClass('hidden', !visible);
        if (visible) shownNodes++;
      });
      cy.edges().forEach((edge) => {
        const e = edges.get(edge.id());
        const visible = relations.has(e.relation) && inRange(e.date, r) &&
          !edge.source().hasClass('hidden') && !edge.target().hasClass('hidden');
        edge.toggleClass('hidden', !visible);
        if (visible) shownEdges++;
      });
    });
    body.dataset.visibleNodes = shownNodes;
    body.dataset.visibleEdges = shownEdges;
    status.textContent = shownNodes + ' of ' + data.nodes.length + ' entities, ' + shownEdges + ' of ' + data.edges.length + ' facts';
  }

  search.addEventListener('input', () => showResults(matches(search.value)));
  search.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') go(search.value);
  });

  // #q=Blinken resolves a name as the command line does; #id=antony-blinken selects by id.
  function fromHash() {
    const params = new URLSearchParams(location.hash.slice(1));
    if (params.get('id')) select(params.get('id'), true);
    else if (params.get('q')) {
      search.value = params.get('q');
      go(search.value);
    }
  }
  applyFilters();
  layOut(layoutChoice.value);
  window.addEventListener('hashchange', fromHash);
  fromHash();
  body.dataset.ready = 'true';
})();
