"""To whom each of the 14 task blocks of Kế hoạch 84-KH/BCĐTTĐN falls (the blocks' text is in
directives/seeds/seed_004.py), in order: one block per member unit of Ban Chỉ đạo công tác thông tin đối
ngoại tỉnh Hưng Yên."""

# fmt: off

TASKS = [
    {"units": ["hy-btgtu"], "due_date": None},  # Ban Tuyên giáo Tỉnh ủy
    {"units": ["hy-vptu"], "due_date": None},  # Văn phòng Tỉnh ủy
    {"units": ["hy-vpubnd"], "due_date": None},  # Văn phòng UBND tỉnh
    {"units": ["hy-stttt"], "due_date": None},  # Sở Thông tin và Truyền thông
    {"units": ["hy-svhttdl"], "due_date": None},  # Sở Văn hóa, Thể thao và Du lịch
    {"units": ["hy-stc"], "due_date": None},  # Sở Tài chính
    {"units": ["hy-skhdt"], "due_date": None},  # Sở Kế hoạch và Đầu tư
    {"units": ["hy-sct"], "due_date": None},  # Sở Công thương
    {"units": ["hy-bqlkcn"], "due_date": None},  # Ban Quản lý các khu công nghiệp tỉnh
    {"units": ["hy-dptth"], "due_date": None},  # Đài Phát thanh - Truyền hình tỉnh
    {"units": ["hy-baohy"], "due_date": None},  # Báo Hưng Yên
    {"units": ["hy-tcphohien"], "due_date": None},  # Tạp chí Phổ Hiến
    {"units": ["hy-bchqs"], "due_date": None},  # Bộ Chỉ huy Quân sự tỉnh
    {"units": ["hy-ca"], "due_date": None},  # Công an tỉnh
]
