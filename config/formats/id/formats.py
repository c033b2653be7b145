# Dates typed in Indonesian forms: day first, always. Django's own Indonesian formats also accept
# month-first dates (03/31/2026), which an Indonesian reader never means; the rest of Django's
# Indonesian formats apply unchanged.
DATE_INPUT_FORMATS = [
    "%d/%m/%Y",  # 31/03/2026
    "%d-%m-%Y",  # 31-03-2026
    "%d%m%Y",  # 31032026, as a phone's number pad types it
    "%d/%m/%y",  # 31/03/26
    "%d %B %Y",  # 31 Maret 2026 (the month's name in the active language)
    "%Y-%m-%d",  # ISO, as spreadsheets and the API send it
]
