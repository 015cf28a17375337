/** zh-CN UI strings of the campaign links (所属专项整治 pickers and columns, 典型问题类型 tags). */
export const zhCNCampaignLinks = {
  campaignLink: {
    campaign: '所属专项整治',
    choose: '选择专项整治',
    all: '全部专项整治',
    requiredHint: '来源为专项整治时须选择所属专项整治',
    typology: '典型问题类型',
    chooseTypology: '选择典型问题类型',
    allTypology: '全部典型问题类型',
  },
};
