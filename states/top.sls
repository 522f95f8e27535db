# Which SLS files each minion gets. Targets without `- match:` are compound
# expressions, so grains work as G@: web servers also get the webserver SLS.
base:
  '*':
    - motd
  'G@roles:web':
    - match: compound
    - webserver
