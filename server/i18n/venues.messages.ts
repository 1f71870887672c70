/** Messages of 议事阵地 (venues, the five haves, bookings) and 议事制度 (rules documents), merged in messages.ts. */
export const venueMessages = {
  'zh-CN': {
    'venue.duplicate_name': '该区划已有同名议事阵地',
    'venue.place_kind': '议事阵地只能登记在社区、小区或楼栋',
    'venue.one_organisation': '组织机构只能选一个：议事会或成员库中的组织',
    'venue.booking_order': '结束时间须晚于开始时间',
    'venue.booked': '该阵地在此时段已被预约（{startsAt} 至 {endsAt}），请换个时间或地点',
    'venue.booked_now': '该阵地刚被他人预约了这一时段，请换个时间或地点',
    'venue.wrong_state': '议事阵地当前状态不能进行此操作',
    'venue.five_haves_missing': '“五有”尚未达标，不能审核通过',
    'venue.photo_missing': '请选择照片',
  },
  en: {
    'venue.duplicate_name': 'This place already has a venue of that name',
    'venue.place_kind': 'Venues are registered at a community, an estate or a building',
    'venue.one_organisation': 'Choose one organisation: a council or an organisation of the pool',
    'venue.booking_order': 'The end must be after the start',
    'venue.booked': 'The venue is booked at that time ({startsAt} to {endsAt}); choose another time or venue',
    'venue.booked_now': 'Someone has just booked the venue at that time; choose another time or venue',
    'venue.wrong_state': 'The venue is not in a state that allows this',
    'venue.five_haves_missing': 'The venue does not meet all five haves yet and cannot be approved',
    'venue.photo_missing': 'Choose a photo',
  },
} as const;
