# Which pillar SLS files each minion gets; a minion sees only the data its targets give it.
base:
  '*':
    - common
  'G@roles:web':
    - match: compound
    - web
  'G@roles:db':
    - match: compound
    - db
