sites:
  - default
  - status
  - shop
