# Zero-downtime release of the Morse app, morse:batch app servers at a time:
#   salt-ts-run orchestrate release pillarenv=prod pillar='{"morse": {"rev": "<commit, branch or tag>"}}'
# The rev is resolved to its commit once, before anything changes, and so is each app
# server's current commit (what it goes back to). Then, per batch: drain the servers in
# every load balancer and wait until they have no sessions left, stop them, check out,
# build and start the new commit, wait for /health to report it, and put them back in
# service. If any of that fails, the batch goes back to its previous commits and into
# service again, and the release stops there: later batches are not touched and the run
# fails, naming the server and the step.
{%- from 'orch/servers.jinja' import morse, hap, app_ids, lb_ids, apps, lbs with context %}
{%- set rev = morse['rev'] | string %}

{%- if not app_ids or not lb_ids %}

find-servers:
  test.fail_without_changes:
    - name: 'no app servers (grain roles: app) or no load balancer (grain roles: lb) among the accepted minions'
{%- else %}
{#- The commit to release: a branch or tag as the repository has it now; a commit id as given. #}
{%-   set refs = salt.saltutil.cmd(app_ids[0], 'git.ls_remote', kwarg={'remote': morse['repo'], 'ref': rev}, timeout=morse['step_timeout']).get(app_ids[0], {}).get('ret') %}
{%-   set found = namespace(commit=rev) %}
{%-   for ref in ['refs/tags/' ~ rev ~ '^{}', 'refs/tags/' ~ rev, 'refs/heads/' ~ rev] if refs is mapping and ref in refs %}
{%-     set found.commit = refs[ref] %}
{%-   endfor %}
{%-   set commit = found.commit %}
{#- Each server's checked-out commit before the release: what a failed step rolls it back to. #}
{%-   set previous = {} %}
{%-   for id in app_ids %}
{%-     set head = salt.saltutil.cmd(id, 'git.rev_parse', arg=[apps[id]['checkout'], 'HEAD'], timeout=morse['step_timeout']).get(id, {'retcode': 1}) %}
{%-     if head['retcode'] == 0 %}
{%-       do previous.update({id: head['ret']}) %}
{%-     endif %}
{%-   endfor %}
{%-   set missing = app_ids | reject('in', previous) | list %}
{%-   if missing %}

find-checkouts:
  test.fail_without_changes:
    - name: 'no Morse checkout to release over on {{ missing | join(', ') }} (run orchestrate deploy-environment first)'
{%-   else %}
{%-     set release = {'morse': {'repo': morse['repo'], 'rev': commit, 'health_match': '"rev":"' ~ commit, 'health_wait': morse['health_wait']}} %}
{%-     set ns = namespace(previous_batch=[], released=[]) %}
{%-     for batch in app_ids | batch(morse['batch'] | int) %}
{%-       set label = batch | join('+') %}
{%-       set steps = [] %}
{%-       for id in batch %}
{%-         for lb in lb_ids %}
{%-           do steps.extend(['drain-' ~ id ~ '-on-' ~ lb, 'drained-' ~ id ~ '-on-' ~ lb]) %}

drain-{{ id }}-on-{{ lb }}:
  salt.function:
    - name: haproxy.set_state
    - tgt: {{ lb }}
    - timeout: {{ morse['step_timeout'] }}
    - kwarg: {{ {'name': id, 'backend': hap['backend'], 'state': 'drain', 'socket': lbs[lb]['admin']} | json }}
{%-           if ns.previous_batch %}
    - require:
{%-             for step in ns.previous_batch %}
      - salt: {{ step }}
{%-             endfor %}
{%-           endif %}

drained-{{ id }}-on-{{ lb }}:
  salt.function:
    - name: haproxy.wait_state
    - tgt: {{ lb }}
    - timeout: {{ morse['step_timeout'] }}
    - kwarg: {{ {'backend': hap['backend'], 'server': id, 'value': 'drain', 'timeout': hap['drain_wait'], 'socket': lbs[lb]['admin']} | json }}
    - require:
      - salt: drain-{{ id }}-on-{{ lb }}
{%-         endfor %}
{%-       endfor %}
{%-       do steps.extend(['stop-' ~ label, 'deploy-' ~ label, 'health-' ~ label]) %}

stop-{{ label }}:
  salt.state:
    - tgt: {{ batch | join(',') }}
    - tgt_type: list
    - timeout: {{ morse['step_timeout'] }}
    - sls: morse.stopped
    - require:
{%-       for step in steps if step.startswith('drained-') %}
      - salt: {{ step }}
{%-       endfor %}

deploy-{{ label }}:
  salt.state:
    - tgt: {{ batch | join(',') }}
    - tgt_type: list
    - timeout: {{ morse['step_timeout'] }}
    - sls: morse
    - pillar: {{ release | json }}
    - require:
      - salt: stop-{{ label }}

health-{{ label }}:
  salt.state:
    - tgt: {{ batch | join(',') }}
    - tgt_type: list
    - timeout: {{ morse['step_timeout'] }}
    - sls: morse.health
    - pillar: {{ release | json }}
    - require:
      - salt: deploy-{{ label }}
{%-       set in_service = [] %}
{%-       for id in batch %}
{%-         for lb in lb_ids %}
{%-           do steps.extend(['enable-' ~ id ~ '-on-' ~ lb, 'in-service-' ~ id ~ '-on-' ~ lb]) %}
{%-           do in_service.append('in-service-' ~ id ~ '-on-' ~ lb) %}

enable-{{ id }}-on-{{ lb }}:
  salt.function:
    - name: haproxy.set_state
    - tgt: {{ lb }}
    - timeout: {{ morse['step_timeout'] }}
    - kwarg: {{ {'name': id, 'backend': hap['backend'], 'state': 'ready', 'socket': lbs[lb]['admin']} | json }}
    - require:
      - salt: health-{{ label }}

in-service-{{ id }}-on-{{ lb }}:
  salt.function:
    - name: haproxy.wait_state
    - tgt: {{ lb }}
    - timeout: {{ morse['step_timeout'] }}
    - kwarg: {{ {'backend': hap['backend'], 'server': id, 'value': 'up', 'timeout': morse['health_wait'], 'socket': lbs[lb]['admin']} | json }}
    - require:
      - salt: enable-{{ id }}-on-{{ lb }}
{%-         endfor %}
{%-       endfor %}
{#- On any failure in this batch: each server back to its previous commit and into service. #}
{%-       for id in batch %}

rollback-{{ id }}:
  salt.state:
    - tgt: {{ id }}
    - timeout: {{ morse['step_timeout'] }}
    - sls: morse
    - pillar: {{ {'morse': {'repo': morse['repo'], 'rev': previous[id]}} | json }}
    - onfail:
{%-         for step in steps %}
      - salt: {{ step }}
{%-         endfor %}
{%-         for lb in lb_ids %}

restore-{{ id }}-on-{{ lb }}:
  salt.function:
    - name: haproxy.set_state
    - tgt: {{ lb }}
    - timeout: {{ morse['step_timeout'] }}
    - kwarg: {{ {'name': id, 'backend': hap['backend'], 'state': 'ready', 'socket': lbs[lb]['admin']} | json }}
    - require:
      - salt: rollback-{{ id }}
    - onfail:
{%-           for step in steps %}
      - salt: {{ step }}
{%-           endfor %}
{%-         endfor %}
{%-       endfor %}

release-stopped-at-{{ label }}:
  test.configurable_test_state:
    - changes: False
    - result: False
    - comment: 'Release of {{ commit }} stopped at {{ batch | join(', ') }}: a step failed there (see the failed state above); {% for id in batch %}{{ id }} rolled back to {{ previous[id] }}; {% endfor %}released before: {{ ns.released | join(', ') or 'none' }}; not touched: {{ app_ids | reject('in', ns.released + batch) | join(', ') or 'none' }}'
    - failhard: True
    - onfail:
{%-       for step in steps %}
      - salt: {{ step }}
{%-       endfor %}
{%-       set ns.previous_batch = in_service %}
{%-       set ns.released = ns.released + batch %}
{%-     endfor %}
{%-   endif %}
{%- endif %}
