{% set root = opts['root_dir'].rstrip('/') ~ '/srv/www' %}
# A document root with one page per listed site, and a log line each time a page changes.
{% for site in pillar.get('sites', ['default', 'status']) %}
site-{{ site }}:
  file.managed:
    - name: {{ root }}/{{ site }}/index.html
    - contents: "<h1>{{ site }} on {{ grains['id'] }}</h1>"
    - makedirs: True
{% endfor %}

pages-changed:
  cmd.run:
    - name: echo "pages changed on {{ grains['id'] }}"
    - onchanges:
      - file: {{ root }}/*
